import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { type KeysetOrder, type KeysetPageQuery, keysetQuery } from '../shared/keyset';
import { BidirectionalPageArgs } from '../shared/pagination';
import { PenceScalar } from '../shared/scalars';
import { AccountType } from './entities/payee-check';
import { type Payment, PaymentDirection, PaymentStatus } from './entities/payment';

const KEY =
  'A key you choose, 1 to 255 of A-Z, a-z, 0-9 and "-", unique per request within your organisation. Send the same request with the same key again and you get the first answer back.';

@InputType({ description: 'A new payment.' })
export class CreatePaymentInput {
  @Field(() => String, { description: KEY })
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The organisation taking (INBOUND) or making (OUTBOUND) the payment.' })
  organisationId!: string;

  @Field(() => PaymentDirection, { description: 'INBOUND (a citizen pays you) or OUTBOUND (you pay someone; needs `payeeCheckId`).' })
  direction!: PaymentDirection;

  @Field(() => PenceScalar, { description: 'In pence: 1 to 10,000,000,000 (£100 million).' })
  amount!: string;

  @Field(() => String, { description: 'Your reference, 1 to 255 characters.' })
  reference!: string;

  @Field(() => String, { description: 'What it is for, shown to the citizen, 1 to 255 characters.' })
  description!: string;

  @Field(() => ID, { nullable: true, description: "The citizen's account, when they have one." })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: 'OUTBOUND only, and required: the Confirmation of Payee check made for this payee.' })
  payeeCheckId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'OUTBOUND only: why to pay although the check found NO_MATCH or ACCOUNT_TYPE_MISMATCH. Required then, refused otherwise, and recorded.',
  })
  payeeOverride?: string | null;
}

@InputType({ description: 'Move a payment to its next status.' })
export class ChangePaymentStatusInput {
  @Field(() => ID, { description: "The payment to move (a UUID); it must be your organisation's." })
  paymentId!: string;

  @Field(() => PaymentStatus, { description: 'The status to move to; only the transitions shown on `PaymentStatus` are allowed (CONFLICT otherwise).' })
  status!: PaymentStatus;

  @Field(() => String, { nullable: true, description: 'A note for the audit trail, up to 255 characters.' })
  reason?: string | null;
}

@InputType({ description: 'Return money from a successful inbound payment.' })
export class RefundPaymentInput {
  @Field(() => String, { description: KEY })
  idempotencyKey!: string;

  @Field(() => ID, { description: "The SUCCESS INBOUND payment to refund (a UUID); it must be your organisation's." })
  paymentId!: string;

  @Field(() => PenceScalar, { description: 'How much to refund, in pence; at most what is still refundable.' })
  amount!: string;

  @Field(() => PenceScalar, {
    description: 'The refundable amount you saw (`Payment.refundable`). If it has changed, someone else refunded meanwhile and the refund is refused.',
  })
  expectedRefundable!: string;

  @Field(() => String, { description: 'Why, 1 to 255 characters.' })
  reason!: string;
}

@InputType({ description: "Check a payee's name against the account before paying them (Confirmation of Payee)." })
export class CheckPayeeInput {
  @Field(() => ID, { description: 'The organisation about to pay.' })
  organisationId!: string;

  @Field(() => String, { description: 'The name on the account, as the payee gave it.' })
  name!: string;

  @Field(() => String, { description: 'Six digits; spaces and dashes are ignored.' })
  sortCode!: string;

  @Field(() => String, { description: 'Eight digits.' })
  accountNumber!: string;

  @Field(() => AccountType, { description: 'The account type the payee gave.' })
  accountType!: AccountType;
}

@ArgsType()
export class PaymentsArgs extends BidirectionalPageArgs {
  @Field(() => PaymentStatus, { nullable: true, description: 'Only payments in this status.' })
  status?: PaymentStatus | null;

  @Field(() => PaymentDirection, { nullable: true, description: 'Only payments in this direction.' })
  direction?: PaymentDirection | null;
}

const NEWEST_FIRST: KeysetOrder<Payment> = { by: 'createdAt', direction: 'DESC' };

/** The query is plain data, so it can key the DataLoader that batches parents. */
export function paymentsQuery(args: PaymentsArgs): KeysetPageQuery<Payment> {
  return keysetQuery(args, NEWEST_FIRST, { status: args.status, direction: args.direction });
}
