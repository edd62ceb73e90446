import type { EntityManager } from 'typeorm';
import { changeChannel } from '../shared/change-channel';
import { Payment, type PaymentStatus } from './entities/payment';
import type { PaymentsContext } from './loaders';

/** What a change says: enough to pick its subscribers; the payment itself is read after the commit. */
export interface PaymentChange {
  paymentId: string;
  organisationId: string;
  /** The status after the change. */
  status: PaymentStatus;
}

/** Committed payment changes (status, refunds), for subscriptions. */
const paymentChanges = changeChannel<PaymentChange, Payment>('payments_payment_changes', Payment, (change) => change.paymentId);

/** Called inside the write's transaction: delivered on commit, never for a rolled-back change. */
export function announcePaymentChange(tx: EntityManager, change: PaymentChange): Promise<void> {
  return paymentChanges.announce(tx, change);
}

/** The payment as the change left it, read once per change per process. */
export const changedPayment = paymentChanges.read;

/** Changes to one payment; after a gap in listening the payment is sent again, read afresh. */
export function changesOfPayment(ctx: PaymentsContext, payment: Payment): Promise<AsyncIterableIterator<PaymentChange>> {
  return paymentChanges.listen(ctx.changes(), {
    accept: (change) => change.paymentId === payment.id,
    afterGap: () => ({ paymentId: payment.id, organisationId: payment.organisationId, status: payment.status }),
  });
}

/** Changes to an organisation's payments, of one status or all; a gap in listening ends the subscription (the list must be read again). */
export function changesOfOrganisation(
  ctx: PaymentsContext,
  organisationId: string,
  status: PaymentStatus | null,
): Promise<AsyncIterableIterator<PaymentChange>> {
  return paymentChanges.listen(ctx.changes(), {
    accept: (change) => change.organisationId === organisationId && (status === null || change.status === status),
    afterGap: () => null,
  });
}
