import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many matching datasets have one value of a facet.' })
export class FacetCount {
  @Field(() => String, { description: 'The facet value, as it is to be passed back in `filters`.' })
  value!: string;

  @Field(() => Int, { description: 'How many matching datasets have it.' })
  count!: number;
}
