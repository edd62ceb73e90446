import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many matching datasets have one value of a facet.' })
export class FacetCount {
  @Field(() => String)
  value!: string;

  @Field(() => Int)
  count!: number;
}
