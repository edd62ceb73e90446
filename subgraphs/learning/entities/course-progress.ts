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
  valuesConfig: {
    REGISTERED: { description: 'Registered, not yet started.' },
    IN_PROGRESS: { description: 'Attempted, not yet completed.' },
    COMPLETED: { description: 'Completed (a course without an assessment).' },
    PASSED: { description: 'Passed the assessment.' },
    FAILED: { description: 'The latest assessment was failed; the learner may try again.' },
  },
  description:
    'Where a learner is on a course, derived from their statements that count: PASSED or COMPLETED once achieved; FAILED if the latest assessment failed; IN_PROGRESS once attempted; else REGISTERED.',
});

@ObjectType({ description: "A learner's progress on one course, derived from their statements." })
export class CourseProgress {
  @Field(() => Course, { description: 'The course.' })
  course!: Course;

  @Field(() => ProgressStatus, { description: 'Where the learner is on it.' })
  status!: ProgressStatus;

  @Field(() => Float, { nullable: true, description: 'Best scaled score so far.' })
  bestScore!: number | null;

  @Field(() => Date, { description: 'The time of their latest statement on this course (ISO 8601, UTC).' })
  lastActiveAt!: Date;
}
