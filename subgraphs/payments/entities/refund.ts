import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PenceScalar } from '../../shared/scalars';

@ObjectType({ description: 'Money returned to the citizen from a successful inbound payment.' })
@Entity({ name: 'refund' })
export class Refund {
  @Field(() => ID, { description: "This refund's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'payment_id' })
  paymentId!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => PenceScalar, { description: 'The amount refunded, in pence.' })
  @Column({ type: 'bigint', name: 'amount_pence' })
  amount!: string;

  @Field(() => String, { description: 'Why it was refunded, as the member of staff wrote it.' })
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', name: 'idempotency_key', select: false })
  idempotencyKey!: string;

  @Column({ type: 'text', name: 'request_hash', select: false })
  requestHash!: string;

  @Field(() => Date, { description: 'When it was refunded (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;
}
