import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The outcome of an xAPI statement.' })
export class LearningResult {
  @Field(() => Float, { nullable: true, description: 'Scaled score, from -1 to 1.' })
  scoreScaled!: number | null;

  @Field(() => Boolean, { nullable: true })
  success!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  completion!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Time spent, as an ISO 8601 duration, e.g. "PT1H30M".' })
  duration!: string | null;
}
