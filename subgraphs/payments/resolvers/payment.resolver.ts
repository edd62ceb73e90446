import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { actsFor, forbidden, isAccountHolder, requireSignedIn } from '../../shared/auth';
import { type EntityRef, refOf } from '../../shared/references';
import { PenceScalar } from '../../shared/scalars';
import { AccountRef } from '../entities/account';
import { OrganisationRef } from '../entities/organisation';
import { PayeeCheck } from '../entities/payee-check';
import { FINISHED_STATUSES, Payment } from '../entities/payment';
import { PaymentEvent } from '../entities/payment-event';
import { Refund } from '../entities/refund';
import type { PaymentsContext } from '../loaders';

/** The payment itself when the viewer may see it (staff of its organisation, or its citizen), else FORBIDDEN whether or not it exists. */
export function seenBy(ctx: PaymentsContext, payment: Payment | null): Payment {
  requireSignedIn(ctx.viewer);
  if (!payment || !(actsFor(ctx.viewer, payment.organisationId) || (payment.accountId !== null && isAccountHolder(ctx.viewer, payment.accountId)))) {
    throw forbidden();
  }
  return payment;
}

/** A payment the viewer may see, or FORBIDDEN whether or not it exists. */
export async function visiblePayment(ctx: PaymentsContext, id: string): Promise<Payment> {
  return seenBy(ctx, await ctx.loaders.paymentById.load(id));
}

@Resolver(() => Payment)
export class PaymentResolver {
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

export function resolvePaymentReference(reference: EntityRef, ctx: PaymentsContext) {
  return visiblePayment(ctx, reference.id);
}
