import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Course } from './course';

export enum ProgressStatus {
  REGISTERED = 'REGISTERED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}
registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description:
    'Where a learner is on a course, derived from their statements that count: PASSED or COMPLETED once achieved; FAILED if the latest assessment failed; IN_PROGRESS once attempted; else REGISTERED.',
});

@ObjectType({ description: "A learner's progress on one course, derived from their statements." })
export class CourseProgress {
  @Field(() => Course)
  course!: Course;

  @Field(() => ProgressStatus)
  status!: ProgressStatus;

  @Field(() => Float, { nullable: true, description: 'Best scaled score so far.' })
  bestScore!: number | null;

  @Field(() => Date)
  lastActiveAt!: Date;
}
