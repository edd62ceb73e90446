import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '../../shared/pagination';

@ObjectType({ description: 'A message about a dataset to its publisher, and their answer.' })
@Entity({ name: 'feedback' })
export class DatasetFeedback {
  @Field(() => ID, { description: "The feedback's id (a UUID): pass it to `answerDatasetFeedback`." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'dataset_id' })
  datasetId!: string;

  @Column({ type: 'uuid', name: 'publisher_id' })
  publisherId!: string;

  @Field(() => String, { description: 'What the sender wrote.' })
  @Column({ type: 'text' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Where the sender asked to be answered, if anywhere.' })
  @Column({ type: 'text', name: 'contact_email', nullable: true })
  contactEmail!: string | null;

  @Field(() => Date, { description: 'When it was sent (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'sent_at' })
  sentAt!: Date;

  @Field(() => String, { nullable: true, description: "The publisher's answer; null until they answer." })
  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Field(() => Date, { nullable: true, description: 'When they answered (ISO 8601, UTC); null until they do.' })
  @Column({ type: 'timestamptz', precision: 3, name: 'answered_at', nullable: true })
  answeredAt!: Date | null;
}

@ObjectType({ description: 'A page of feedback, newest first.' })
export class DatasetFeedbackConnection extends Connection(DatasetFeedback) {}
