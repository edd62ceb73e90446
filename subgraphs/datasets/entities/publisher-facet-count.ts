import { Field, Int, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';
import { OrganisationRef } from './organisation';

@ObjectType({ description: 'How many matching datasets one publisher has.' })
export class PublisherFacetCount {
  @Field(() => OrganisationRef, { description: 'The publishing organisation.' })
  publisher!: EntityRef;

  @Field(() => Int, { description: 'How many matching datasets it publishes.' })
  count!: number;
}
