import { Field, Int, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';
import { OrganisationRef } from './organisation';

@ObjectType({ description: 'How many matching datasets one publisher has.' })
export class PublisherFacetCount {
  @Field(() => OrganisationRef)
  publisher!: EntityRef;

  @Field(() => Int)
  count!: number;
}
