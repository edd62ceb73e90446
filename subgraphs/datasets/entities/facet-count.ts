import { Field, Int, ObjectType } from 'type-graphql';
import { PublicCache } from '../../shared/federation';

@ObjectType({ description: 'How many matching datasets have one value of a facet.' })
export class FacetCount {
  @PublicCache(300)
  @Field(() => String, { description: 'The facet value, as it is to be passed back in `filters`.' })
  value!: string;

  @PublicCache(300)
  @Field(() => Int, { description: 'How many matching datasets have it.' })
  count!: number;
}
