import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const BADGE_ISSUER = 'Scottish Digital Academy';

@ObjectType({ description: 'An Open Badges-style assertion: this learner completed this course.' })
@Entity({ name: 'badge' })
export class Badge {
  @Field(() => ID, { description: "The badge's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @Column({ type: 'uuid', name: 'course_id' })
  courseId!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => ID, { description: 'Evidence: the statement that earned it.' })
  @Column({ type: 'uuid', name: 'statement_id' })
  statementId!: string;

  @Field(() => Date, { description: 'When it was issued (ISO 8601, UTC; Open Badges issuedOn).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'issued_at' })
  issuedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set when the statement behind it was voided and no other completion stands.' })
  @Column({ type: 'timestamptz', precision: 3, name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
