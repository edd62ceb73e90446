import { Field, Int, ObjectType } from 'type-graphql';
import { PublicCache } from '../../shared/federation';
import type { EntityRef } from '../../shared/references';
import { OrganisationRef } from './organisation';

@ObjectType({ description: 'How many matching datasets one publisher has.' })
export class PublisherFacetCount {
  @PublicCache(300)
  @Field(() => OrganisationRef, { description: 'The publishing organisation.' })
  publisher!: EntityRef;

  @PublicCache(300)
  @Field(() => Int, { description: 'How many matching datasets it publishes.' })
  count!: number;
}
