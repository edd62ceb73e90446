import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '../../shared/pagination';

/** The xAPI verbs the Academy records (ADL vocabulary). */
export enum LearningVerb {
  REGISTERED = 'REGISTERED',
  ATTEMPTED = 'ATTEMPTED',
  COMPLETED = 'COMPLETED',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  VOIDED = 'VOIDED',
}
registerEnumType(LearningVerb, {
  name: 'LearningVerb',
  description: 'What the learner did (xAPI verbs from the ADL vocabulary).',
  valuesConfig: {
    REGISTERED: { description: 'Signed up for the course.' },
    ATTEMPTED: { description: 'Started the course or an attempt at its assessment.' },
    COMPLETED: { description: 'Finished the course.' },
    PASSED: { description: 'Passed its assessment; `result.scoreScaled` says by how much.' },
    FAILED: { description: 'Failed its assessment; the learner may try again.' },
    VOIDED: { description: 'Not a learning act: this statement voids another, which then no longer counts.' },
  },
});

@ObjectType({
  description:
    'One xAPI statement: an actor (account) did a verb to an object (course), with a result, in the context of an organisation. Statements are immutable.',
})
@Entity({ name: 'statement' })
export class LearningRecord {
  @Field(() => ID, { description: 'The statement id.' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @Field(() => LearningVerb, { description: 'What the learner did; a VOIDED statement cancels the one named in `voids`.' })
  @Column({ type: 'text' })
  verb!: LearningVerb;

  @Column({ type: 'uuid', name: 'course_id', nullable: true })
  courseId!: string | null;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'numeric', name: 'score_scaled', nullable: true })
  scoreScaled!: string | null;

  @Column({ type: 'boolean', nullable: true })
  success!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  completion!: boolean | null;

  @Column({ type: 'text', nullable: true })
  duration!: string | null;

  @Field(() => Date, { description: 'When it happened.' })
  @Column({ type: 'timestamptz', precision: 3 })
  timestamp!: Date;

  @Field(() => ID, { nullable: true, description: 'For a VOIDED statement: the statement it voids.' })
  @Column({ type: 'uuid', nullable: true })
  voids!: string | null;

  @Field(() => ID, { nullable: true, description: 'If this statement was voided: the statement that voided it.' })
  @Column({ type: 'uuid', name: 'voided_by', nullable: true })
  voidedBy!: string | null;

  /** Neither voided nor voiding: what progress, learners and aggregates count. */
  @Column({ type: 'boolean', insert: false, update: false })
  counted!: boolean;

  @Column({ type: 'text', name: 'content_hash', nullable: true, select: false })
  contentHash!: string | null;

  @Field(() => Date, { description: 'When the Academy recorded it.' })
  @Column({ type: 'timestamptz', precision: 3, name: 'stored_at' })
  storedAt!: Date;
}

@ObjectType({ description: 'A page of learning records, newest first.' })
export class LearningRecordConnection extends Connection(LearningRecord) {}
