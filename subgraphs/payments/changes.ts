import type { DataSource, EntityManager } from 'typeorm';
import { changesOn } from '../shared/change-stream';
import { loaderById } from '../shared/loaders';
import { notify } from '../shared/notifications';
import { Payment, type PaymentStatus } from './entities/payment';
import type { PaymentsContext } from './loaders';

/** The LISTEN/NOTIFY channel of committed payment changes (status, refunds), for subscriptions. */
export const PAYMENT_CHANGES = 'payments_payment_changes';

/** What a change says: enough to pick its subscribers; the payment itself is read after the commit. */
export interface PaymentChange {
  paymentId: string;
  organisationId: string;
  /** The status after the change. */
  status: PaymentStatus;
}

/** Called inside the write's transaction: delivered on commit, never for a rolled-back change. */
export function announcePaymentChange(tx: EntityManager, change: PaymentChange): Promise<void> {
  return notify(tx, PAYMENT_CHANGES, change);
}

/** A change is one object however many subscribers a process has, so the payment is read once per change per process, not once per subscriber. */
const readOnce = new WeakMap<PaymentChange, Promise<Payment | null>>();

/** The payment as the change left it (committed, so read after the NOTIFY arrived). */
export function changedPayment(db: DataSource, change: PaymentChange): Promise<Payment | null> {
  let payment = readOnce.get(change);
  if (!payment) {
    payment = loaderById(db, Payment).load(change.paymentId);
    readOnce.set(change, payment);
  }
  return payment;
}

/** Changes to one payment; after a gap in listening the payment is sent again, read afresh. */
export function changesOfPayment(ctx: PaymentsContext, payment: Payment): Promise<AsyncIterableIterator<PaymentChange>> {
  return changesOn<PaymentChange>(ctx.changes(), PAYMENT_CHANGES, {
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
  return changesOn<PaymentChange>(ctx.changes(), PAYMENT_CHANGES, {
    accept: (change) => change.organisationId === organisationId && (status === null || change.status === status),
    afterGap: () => null,
  });
}
