import { Field, Int, ObjectType } from 'type-graphql';
import { Dataset } from './dataset';

@ObjectType({ description: 'A dataset like another one, and why.' })
export class DatasetRecommendation {
  @Field(() => Dataset, { description: 'The recommended dataset.' })
  dataset!: Dataset;

  @Field(() => Int, { description: 'Two points per shared keyword, one for the same theme, one for the same publisher.' })
  score!: number;

  @Field(() => [String], { description: 'Why it was recommended, in words.' })
  reasons!: string[];
}
