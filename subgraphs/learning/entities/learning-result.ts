import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The outcome of an xAPI statement.' })
export class LearningResult {
  @Field(() => Float, { nullable: true, description: 'Scaled score, from -1 to 1.' })
  scoreScaled!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the learner passed; null when the statement does not say (e.g. no assessment).' })
  success!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the learner finished the course; null when the statement does not say.' })
  completion!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Time spent, as an ISO 8601 duration, e.g. "PT1H30M".' })
  duration!: string | null;
}
