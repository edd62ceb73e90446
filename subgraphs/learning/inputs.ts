import { ArgsType, Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../shared/pagination';
import { LearningVerb } from './entities/learning-record';

@InputType({ description: 'The outcome of an xAPI statement.' })
export class LearningResultInput {
  @Field(() => Float, { nullable: true, description: 'From -1 to 1.' })
  scoreScaled?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the learner passed; leave out when there was no assessment.' })
  success?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the learner finished; leave out when not known.' })
  completion?: boolean | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601, e.g. "PT1H30M".' })
  duration?: string | null;
}

@InputType({ description: "An xAPI statement, sent by a learning service acting for the learner's organisation." })
export class RecordStatementInput {
  @Field(() => ID, { description: 'The statement id (a UUID the sender chooses, as xAPI asks): re-sending it is safe.' })
  id!: string;

  @Field(() => ID, { description: "The actor: the learner's account." })
  accountId!: string;

  @Field(() => LearningVerb, { description: 'What the learner did (not VOIDED: use `voidStatement` for that).' })
  verb!: LearningVerb;

  @Field(() => ID, { description: 'The object: a course.' })
  courseId!: string;

  @Field(() => ID, { description: "The context: the learner's organisation." })
  organisationId!: string;

  @Field(() => LearningResultInput, { nullable: true, description: 'The outcome, if the verb has one (score, success, completion, duration).' })
  result?: LearningResultInput | null;

  @Field(() => Date, { description: 'When it happened.' })
  timestamp!: Date;
}

@InputType({ description: 'Void a wrong statement with a new one (xAPI); the wrong one is kept, marked, and no longer counts.' })
export class VoidStatementInput {
  @Field(() => ID, { description: 'The id of the new, voiding statement.' })
  id!: string;

  @Field(() => ID, { description: 'The statement to void.' })
  statementId!: string;
}

@ArgsType()
export class CoursesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only courses with this theme, e.g. "data".' })
  theme?: string | null;
}

export enum LearningGrouping {
  THEME = 'THEME',
  ORGANISATION = 'ORGANISATION',
  MONTH = 'MONTH',
}
registerEnumType(LearningGrouping, {
  name: 'LearningGrouping',
  valuesConfig: {
    THEME: { description: 'One row per course theme.' },
    ORGANISATION: { description: "One row per learner's organisation." },
    MONTH: { description: 'One row per calendar month in UK time.' },
  },
  description: 'What to total learning by.',
});
