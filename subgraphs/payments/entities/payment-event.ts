import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '../../shared/pagination';
import { PenceScalar } from '../../shared/scalars';
import { PaymentStatus } from './payment';

export enum PaymentEventKind {
  CREATED = 'CREATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  REFUNDED = 'REFUNDED',
  PAYEE_OVERRIDDEN = 'PAYEE_OVERRIDDEN',
}
registerEnumType(PaymentEventKind, {
  name: 'PaymentEventKind',
  valuesConfig: {
    CREATED: { description: 'The payment was created; `amount` is its amount and `toStatus` its first status.' },
    STATUS_CHANGED: { description: 'The payment moved from `fromStatus` to `toStatus`; `detail` holds the reason given, if any.' },
    REFUNDED: { description: 'Money was refunded; `amount` is the refund and `detail` its reason.' },
    PAYEE_OVERRIDDEN: { description: 'The payment went ahead although Confirmation of Payee did not match; `detail` is the recorded reason.' },
  },
  description: 'What happened to a payment.',
});

@ObjectType({ description: "One entry of a payment's audit trail, written in the same transaction as the change it records." })
@Entity({ name: 'payment_event' })
export class PaymentEvent {
  @Field(() => ID, { description: "This event's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Strictly increasing: the order of the trail. */
  @Column({ type: 'bigint', insert: false, update: false })
  sequence!: string;

  @Column({ type: 'uuid', name: 'payment_id' })
  paymentId!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => PaymentEventKind, { description: 'What happened.' })
  @Column({ type: 'text' })
  kind!: PaymentEventKind;

  @Field(() => PaymentStatus, { nullable: true, description: 'The status before a STATUS_CHANGED event; null for other kinds.' })
  @Column({ type: 'text', name: 'from_status', nullable: true })
  fromStatus!: PaymentStatus | null;

  @Field(() => PaymentStatus, { nullable: true, description: 'The status after a CREATED or STATUS_CHANGED event; null for other kinds.' })
  @Column({ type: 'text', name: 'to_status', nullable: true })
  toStatus!: PaymentStatus | null;

  @Field(() => PenceScalar, { nullable: true, description: 'The amount, for CREATED and REFUNDED.' })
  @Column({ type: 'bigint', name: 'amount_pence', nullable: true })
  amount!: string | null;

  @Field(() => String, { nullable: true, description: 'A reason or note given with the change.' })
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Field(() => Date, { description: 'When it happened (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'occurred_at' })
  occurredAt!: Date;
}

@ObjectType({ description: 'A page of payment events, newest first.' })
export class PaymentEventConnection extends Connection(PaymentEvent) {}
