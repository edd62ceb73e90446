import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '../../shared/pagination';
import { PenceScalar } from '../../shared/scalars';

export enum PaymentDirection {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
}
registerEnumType(PaymentDirection, {
  name: 'PaymentDirection',
  description: 'Which way the money goes.',
  valuesConfig: {
    INBOUND: { description: 'From a citizen to an organisation, e.g. a parking permit.' },
    OUTBOUND: { description: 'From an organisation to a payee, e.g. a grant or benefit.' },
  },
});

export enum PaymentStatus {
  CREATED = 'CREATED',
  STARTED = 'STARTED',
  SUBMITTED = 'SUBMITTED',
  CAPTURABLE = 'CAPTURABLE',
  SUCCESS = 'SUCCESS',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
  ERROR = 'ERROR',
}
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  valuesConfig: {
    CREATED: { description: 'Created by the organisation; the citizen has not started paying yet.' },
    STARTED: { description: 'The citizen has started entering payment details.' },
    SUBMITTED: { description: 'Payment details submitted; waiting for the card issuer or bank.' },
    CAPTURABLE: { description: 'Authorised and waiting for the organisation to capture it.' },
    SUCCESS: { description: 'Paid. Final; an INBOUND payment in this status can be refunded.' },
    FAILED: { description: 'Refused by the card issuer or bank, or abandoned. Final.' },
    CANCELLED: { description: 'Cancelled by the organisation before it completed. Final.' },
    ERROR: { description: 'Stopped by a technical fault; no money moved. Final.' },
  },
  description: 'Where a payment is: CREATED → STARTED → SUBMITTED → CAPTURABLE → SUCCESS, or FAILED / CANCELLED / ERROR.',
});

/**
 * The legal transitions; the same table is in the database
 * (payments.status_transition), where a trigger refuses any other.
 */
export const TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  CREATED: [PaymentStatus.STARTED, PaymentStatus.CANCELLED, PaymentStatus.FAILED, PaymentStatus.ERROR],
  STARTED: [PaymentStatus.SUBMITTED, PaymentStatus.CANCELLED, PaymentStatus.FAILED, PaymentStatus.ERROR],
  SUBMITTED: [PaymentStatus.CAPTURABLE, PaymentStatus.SUCCESS, PaymentStatus.CANCELLED, PaymentStatus.FAILED, PaymentStatus.ERROR],
  CAPTURABLE: [PaymentStatus.SUCCESS, PaymentStatus.CANCELLED, PaymentStatus.FAILED, PaymentStatus.ERROR],
  SUCCESS: [],
  FAILED: [],
  CANCELLED: [],
  ERROR: [],
};

/** Statuses a payment never leaves. */
export const FINISHED_STATUSES: ReadonlySet<PaymentStatus> = new Set([
  PaymentStatus.SUCCESS,
  PaymentStatus.FAILED,
  PaymentStatus.CANCELLED,
  PaymentStatus.ERROR,
]);

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A payment through ScotPayments, into or out of a public body.' })
@Entity({ name: 'payment' })
export class Payment {
  @Field(() => ID, { description: "The payment's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  /** The citizen who paid (INBOUND) or is paid (OUTBOUND), when the payee is a person with an account. */
  @Column({ type: 'uuid', name: 'account_id', nullable: true })
  accountId!: string | null;

  @Field(() => PaymentDirection, { description: 'INBOUND: a citizen pays the organisation; OUTBOUND: the organisation pays someone.' })
  @Column({ type: 'text' })
  direction!: PaymentDirection;

  @Field(() => PenceScalar, { description: 'The amount in pence, as a string of digits ("4750" is £47.50): format it yourself, never through a float.' })
  @Column({ type: 'bigint', name: 'amount_pence' })
  amount!: string;

  @Field(() => String, { description: "The organisation's reference, shown on statements." })
  @Column({ type: 'text' })
  reference!: string;

  @Field(() => String, { description: 'What the payment is for, as shown to the citizen.' })
  @Column({ type: 'text' })
  description!: string;

  @Field(() => PaymentStatus, { description: 'Where the payment is now; `finished` says whether it can still change.' })
  @Column({ type: 'text' })
  status!: PaymentStatus;

  @Field(() => PenceScalar, { description: 'How much has been refunded so far, in pence.' })
  @Column({ type: 'bigint', name: 'refunded_pence', default: 0 })
  refunded!: string;

  @Column({ type: 'uuid', name: 'payee_check_id', nullable: true })
  payeeCheckId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the payment went ahead although Confirmation of Payee found no match.' })
  @Column({ type: 'text', name: 'payee_override', nullable: true })
  payeeOverride!: string | null;

  @Column({ type: 'text', name: 'idempotency_key', nullable: true, select: false })
  idempotencyKey!: string | null;

  @Column({ type: 'text', name: 'request_hash', nullable: true, select: false })
  requestHash!: string | null;

  @Field(() => Date, { description: 'When it was created (ISO 8601, UTC); lists of payments are sorted newest first by this.' })
  @Column({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When its status or refunds last changed (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of payments, newest first.' })
export class PaymentConnection extends Connection(Payment, { counted: true }) {}
