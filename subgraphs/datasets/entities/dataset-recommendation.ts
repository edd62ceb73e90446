import { Field, Int, ObjectType } from 'type-graphql';
import { PublicCache } from '../../shared/federation';
import { Dataset } from './dataset';

@ObjectType({ description: 'A dataset like another one, and why.' })
export class DatasetRecommendation {
  @PublicCache(300)
  @Field(() => Dataset, { description: 'The recommended dataset.' })
  dataset!: Dataset;

  @PublicCache(300)
  @Field(() => Int, { description: 'Two points per shared keyword, one for the same theme, one for the same publisher.' })
  score!: number;

  @PublicCache(300)
  @Field(() => [String], { description: 'Why it was recommended, in words.' })
  reasons!: string[];
}
