import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { actsFor, forbidden, isAccountHolder, requireActsFor, requireSignedIn } from '../../shared/auth';
import { badUserInput } from '../../shared/errors';
import { requireUuid } from '../../shared/validation';
import { PenceScalar } from '../../shared/scalars';
import { PayeeCheck } from '../entities/payee-check';
import { PaymentEvent } from '../entities/payment-event';
import { Refund } from '../entities/refund';
import { PaymentMonthTotal } from './payment-report';
import { type KeysetOrder, type KeysetPageQuery, keysetQuery, pageOf } from '../../shared/keyset';
import { Connection, PageArgs } from '../../shared/pagination';
import { type EntityRef, refOf } from '../../shared/references';
import { FINISHED_STATUSES, Payment, PaymentDirection, PaymentStatus } from '../entities/payment';
import type { PaymentsContext } from '../loaders';
import { PaymentTotal } from './payment-total';
import { AccountRef, OrganisationRef } from './references';

@ObjectType({ description: 'A page of payments, newest first.' })
export class PaymentConnection extends Connection(Payment) {}

@ArgsType()
export class PaymentsArgs extends PageArgs {
  @Field(() => PaymentStatus, { nullable: true, description: 'Only payments in this status.' })
  status?: PaymentStatus | null;

  @Field(() => PaymentDirection, { nullable: true, description: 'Only payments in this direction.' })
  direction?: PaymentDirection | null;
}

@ObjectType({ description: 'A page of payment events, newest first.' })
export class PaymentEventConnection extends Connection(PaymentEvent) {}

const NEWEST_FIRST: KeysetOrder<Payment> = { by: 'createdAt', direction: 'DESC' };
const EVENTS_NEWEST_FIRST: KeysetOrder<PaymentEvent> = { by: 'sequence', direction: 'DESC' };
const TEN_YEARS_MS = 10 * 366 * 24 * 3600 * 1000;

/** A payment the viewer may see, or FORBIDDEN whether or not it exists. */
export async function visiblePayment(ctx: PaymentsContext, id: string): Promise<Payment> {
  requireSignedIn(ctx.viewer);
  const payment = await ctx.loaders.paymentById.load(id);
  if (!payment || !(actsFor(ctx.viewer, payment.organisationId) || (payment.accountId !== null && isAccountHolder(ctx.viewer, payment.accountId)))) {
    throw forbidden();
  }
  return payment;
}

/** The query is plain data, so it can key the DataLoader that batches parents. */
function paymentsQuery(args: PaymentsArgs): KeysetPageQuery<Payment> {
  return keysetQuery(args, NEWEST_FIRST, { status: args.status, direction: args.direction });
}

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => Payment, { nullable: true, description: 'A payment by id: for staff, their organisation\'s; for a citizen, their own. FORBIDDEN otherwise, whether or not it exists.' })
  payment(@Arg('id', () => ID) id: string, @Ctx() ctx: PaymentsContext): Promise<Payment> {
    return visiblePayment(ctx, requireUuid(id, 'id'));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the payment has reached a status it never leaves.' })
  finished(@Root() payment: Payment): boolean {
    return FINISHED_STATUSES.has(payment.status);
  }

  @FieldResolver(() => PenceScalar, { description: 'How much can still be refunded, in pence: pass it as `expectedRefundable`.' })
  refundable(@Root() payment: Payment): string {
    return (BigInt(payment.amount) - BigInt(payment.refunded)).toString();
  }

  @FieldResolver(() => [Refund], { description: 'Refunds made, oldest first.' })
  refunds(@Root() payment: Payment, @Ctx() ctx: PaymentsContext): Promise<Refund[]> {
    return ctx.loaders.refundsOfPayment.load(payment.id);
  }

  @FieldResolver(() => [PaymentEvent], { description: 'The audit trail: every change to this payment, oldest first.' })
  events(@Root() payment: Payment, @Ctx() ctx: PaymentsContext): Promise<PaymentEvent[]> {
    return ctx.loaders.eventsOfPayment.load(payment.id);
  }

  @FieldResolver(() => PayeeCheck, { nullable: true, description: 'OUTBOUND: the Confirmation of Payee check it relied on.' })
  payeeCheck(@Root() payment: Payment, @Ctx() ctx: PaymentsContext): Promise<PayeeCheck | null> | null {
    return payment.payeeCheckId ? ctx.loaders.payeeCheckById.load(payment.payeeCheckId) : null;
  }

  @FieldResolver(() => OrganisationRef, { description: 'The organisation paid (INBOUND) or paying (OUTBOUND).' })
  organisation(@Root() payment: Payment): EntityRef {
    return refOf(payment.organisationId);
  }

  @FieldResolver(() => AccountRef, { nullable: true, description: 'The citizen who paid or is paid, when they have an account.' })
  account(@Root() payment: Payment): EntityRef | null {
    return refOf(payment.accountId);
  }
}

@Resolver(() => OrganisationRef)
export class OrganisationPaymentsResolver {
  @FieldResolver(() => PaymentConnection, { nullable: true, description: 'Payments into and out of this organisation, newest first. Its own staff only.' })
  payments(@Root() organisation: EntityRef, @Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() ctx: PaymentsContext) {
    requireActsFor(ctx.viewer, organisation.id);
    const query = paymentsQuery(args);
    return ctx.loaders.paymentsOfOrganisation.load(query, organisation.id).then((rows) => pageOf(rows, query));
  }

  @FieldResolver(() => [PaymentTotal], { nullable: true, description: 'Counts and sums of this organisation\'s payments by direction and status.' })
  paymentTotals(@Root() organisation: EntityRef, @Ctx() ctx: PaymentsContext): Promise<PaymentTotal[]> {
    requireActsFor(ctx.viewer, organisation.id);
    return ctx.loaders.totalsOfOrganisation.load(organisation.id);
  }

  @FieldResolver(() => [PaymentMonthTotal], { nullable: true, description: 'Counts and sums of this organisation\'s payments by month (UK time), direction and status.' })
  paymentReport(
    @Root() organisation: EntityRef,
    @Arg('from', () => Date, { description: 'From this instant (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'Up to this instant (exclusive); at most ten years after `from`.' }) to: Date,
    @Ctx() ctx: PaymentsContext,
  ): Promise<PaymentMonthTotal[]> {
    requireActsFor(ctx.viewer, organisation.id);
    if (!(to > from)) throw badUserInput('`to` must be after `from`.', 'to');
    if (to.getTime() - from.getTime() > TEN_YEARS_MS) throw badUserInput('The report covers at most ten years.', 'to');
    return ctx.loaders.reportOfOrganisation.load({ from: from.toISOString(), to: to.toISOString() }, organisation.id);
  }

  @FieldResolver(() => PaymentEventConnection, { nullable: true, description: 'The audit trail of all this organisation\'s payments, newest first.' })
  async paymentEvents(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: PaymentsContext) {
    requireActsFor(ctx.viewer, organisation.id);
    const query = keysetQuery(args, EVENTS_NEWEST_FIRST);
    return pageOf(await ctx.loaders.eventsOfOrganisation.load(query, organisation.id), query);
  }
}

@Resolver(() => AccountRef)
export class AccountPaymentsResolver {
  @FieldResolver(() => PaymentConnection, { nullable: true, description: 'Payments this person made or received, newest first: all for the citizen, those with their organisation for staff.' })
  payments(@Root() account: EntityRef, @Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() ctx: PaymentsContext) {
    requireSignedIn(ctx.viewer);
    let query = paymentsQuery(args);
    if (!isAccountHolder(ctx.viewer, account.id)) {
      if (!ctx.viewer.organisationId) throw forbidden();
      // Staff see only the payments this person made to or received from their organisation.
      query = { ...query, equals: { ...query.equals, organisationId: ctx.viewer.organisationId } };
    }
    return ctx.loaders.paymentsOfAccount.load(query, account.id).then((rows) => pageOf(rows, query));
  }
}
