import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { type Viewer, actsFor, forbidden, requireActsFor } from '../shared/auth';
import { ErrorCode, badUserInput, conflict, notFound } from '../shared/errors';
import { selectColumns } from '../shared/rows';
import { requireText, requireUuid } from '../shared/validation';
import { announcePaymentChange } from './changes';
import { PayeeCheckOutcome } from './entities/payee-check';
import { FINISHED_STATUSES, Payment, PaymentDirection, PaymentStatus, TRANSITIONS } from './entities/payment';
import { PaymentEventKind } from './entities/payment-event';
import { Refund } from './entities/refund';
import type { ChangePaymentStatusInput, CreatePaymentInput, RefundPaymentInput } from './inputs';
import { MAX_PAYMENT_PENCE, optionalUuid, requestHash, requireIdempotencyKey, requirePence } from './validation';

/** Outcomes that need a recorded reason before an outbound payment may go ahead. */
const NEEDS_OVERRIDE: ReadonlySet<PayeeCheckOutcome> = new Set([PayeeCheckOutcome.NO_MATCH, PayeeCheckOutcome.ACCOUNT_TYPE_MISMATCH]);

async function loadPayment(db: EntityManager, id: string): Promise<Payment> {
  const meta = db.connection.getMetadata(Payment);
  const [row] = await db.query(`SELECT ${selectColumns(meta, 't')} FROM payments.payment t WHERE t.id = $1`, [id]);
  return db.create(Payment, row);
}

async function audit(
  db: EntityManager,
  payment: { id: string; organisationId: string },
  event: { kind: PaymentEventKind; from?: PaymentStatus | null; to?: PaymentStatus | null; amount?: bigint | null; detail?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO payments.payment_event (payment_id, organisation_id, kind, from_status, to_status, amount_pence, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [payment.id, payment.organisationId, event.kind, event.from ?? null, event.to ?? null, event.amount?.toString() ?? null, event.detail ?? null],
  );
}

/** The payee check an outbound payment relies on, and the override its outcome calls for. */
async function payeeEvidence(db: EntityManager, input: CreatePaymentInput, organisationId: string) {
  const payeeCheckId = optionalUuid(input.payeeCheckId, 'payeeCheckId');
  const override = input.payeeOverride === null || input.payeeOverride === undefined ? null : requireText(input.payeeOverride, 'payeeOverride');
  if (input.direction === PaymentDirection.INBOUND) {
    if (payeeCheckId || override) throw badUserInput('An INBOUND payment takes no payee check or override.', payeeCheckId ? 'payeeCheckId' : 'payeeOverride');
    return { payeeCheckId: null, override: null, outcome: null };
  }
  if (!payeeCheckId) throw badUserInput('An OUTBOUND payment needs `payeeCheckId`: check the payee first with `checkPayee`.', 'payeeCheckId');
  const [check] = await db.query(`SELECT outcome FROM payments.payee_check WHERE id = $1 AND organisation_id = $2`, [payeeCheckId, organisationId]);
  if (!check) throw notFound('Payee check');
  const outcome = check.outcome as PayeeCheckOutcome;
  if (NEEDS_OVERRIDE.has(outcome) && !override) {
    throw new GraphQLError(`Confirmation of Payee found ${outcome}: to pay anyway, give the reason in \`payeeOverride\`.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'payeeOverride', payeeCheckOutcome: outcome },
    });
  }
  if (!NEEDS_OVERRIDE.has(outcome) && override) throw badUserInput(`No override is needed after ${outcome}.`, 'payeeOverride');
  return { payeeCheckId, override, outcome };
}

/**
 * Creates a payment, at most once per idempotency key within an
 * organisation. The unique index on (organisation_id, idempotency_key)
 * decides between concurrent duplicates: the first INSERT wins, the others
 * wait for it and then read its payment.
 */
export async function createPayment(db: DataSource, viewer: Viewer, input: CreatePaymentInput): Promise<Payment> {
  const key = requireIdempotencyKey(input.idempotencyKey);
  const organisationId = requireUuid(input.organisationId, 'organisationId');
  requireActsFor(viewer, organisationId);
  const amount = requirePence(input.amount, 'amount', 1n, MAX_PAYMENT_PENCE);
  const reference = requireText(input.reference, 'reference');
  const description = requireText(input.description, 'description');
  const accountId = optionalUuid(input.accountId, 'accountId');
  const hash = requestHash({ ...input, idempotencyKey: undefined, amount: amount.toString() });
  return db.transaction(async (tx) => {
    const payee = await payeeEvidence(tx, input, organisationId);
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO payments.payment (organisation_id, account_id, direction, amount_pence, reference, description, status,
                                     idempotency_key, request_hash, payee_check_id, payee_override)
       VALUES ($1, $2, $3, $4, $5, $6, 'CREATED', $7, $8, $9, $10)
       ON CONFLICT (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [organisationId, accountId, input.direction, amount.toString(), reference, description, key, hash, payee.payeeCheckId, payee.override],
    );
    if (inserted.length === 0) {
      const [first] = await tx.query(`SELECT id, request_hash FROM payments.payment WHERE organisation_id = $1 AND idempotency_key = $2`, [
        organisationId,
        key,
      ]);
      if (first.request_hash !== hash) throw conflict('This idempotency key was already used for a different payment request.');
      return loadPayment(tx, first.id);
    }
    const payment = { id: inserted[0].id, organisationId };
    await audit(tx, payment, { kind: PaymentEventKind.CREATED, to: PaymentStatus.CREATED, amount });
    if (payee.override) await audit(tx, payment, { kind: PaymentEventKind.PAYEE_OVERRIDDEN, detail: `${payee.outcome}: ${payee.override}` });
    await announcePaymentChange(tx, { paymentId: payment.id, organisationId, status: PaymentStatus.CREATED });
    return loadPayment(tx, payment.id);
  });
}

/**
 * Moves a payment along the state machine (entities/payment.ts TRANSITIONS).
 * The row is locked, so two callers cannot both move it from the same state;
 * asking for the status it already has changes nothing.
 */
export async function changePaymentStatus(db: DataSource, viewer: Viewer, input: ChangePaymentStatusInput): Promise<Payment> {
  const id = requireUuid(input.paymentId, 'paymentId');
  const reason = input.reason === null || input.reason === undefined ? null : requireText(input.reason, 'reason');
  return db.transaction(async (tx) => {
    const [row] = await tx.query(`SELECT status, organisation_id FROM payments.payment WHERE id = $1 FOR UPDATE`, [id]);
    // Another organisation's payment gets the same answer as none at all.
    if (!row || !actsFor(viewer, row.organisation_id)) throw forbidden();
    const from = row.status as PaymentStatus;
    if (from === input.status) return loadPayment(tx, id);
    if (!TRANSITIONS[from].includes(input.status)) {
      const next = TRANSITIONS[from];
      throw new GraphQLError(
        FINISHED_STATUSES.has(from)
          ? `The payment is ${from}, which is final; it cannot become ${input.status}.`
          : `A payment that is ${from} cannot become ${input.status}; it can become ${next.join(', ')}.`,
        { extensions: { code: ErrorCode.CONFLICT, currentStatus: from, allowed: next } },
      );
    }
    await tx.query(`UPDATE payments.payment SET status = $2, updated_at = now() WHERE id = $1`, [id, input.status]);
    await audit(tx, { id, organisationId: row.organisation_id }, { kind: PaymentEventKind.STATUS_CHANGED, from, to: input.status, detail: reason });
    await announcePaymentChange(tx, { paymentId: id, organisationId: row.organisation_id, status: input.status });
    return loadPayment(tx, id);
  });
}

/**
 * Refunds part or all of a successful inbound payment. The payment row is
 * locked for the check and the update, the caller's view of the refundable
 * amount must still hold, and a CHECK constraint keeps refunds within the
 * amount paid whatever happens above it.
 */
export async function refundPayment(db: DataSource, viewer: Viewer, input: RefundPaymentInput): Promise<Refund> {
  const key = requireIdempotencyKey(input.idempotencyKey);
  const id = requireUuid(input.paymentId, 'paymentId');
  const amount = requirePence(input.amount, 'amount', 1n, MAX_PAYMENT_PENCE);
  const expected = requirePence(input.expectedRefundable, 'expectedRefundable', 0n, MAX_PAYMENT_PENCE);
  const reason = requireText(input.reason, 'reason');
  const hash = requestHash({ ...input, idempotencyKey: undefined, amount: amount.toString(), expectedRefundable: undefined });
  return db.transaction(async (tx) => {
    const [payment] = await tx.query(`SELECT organisation_id, direction, status, amount_pence, refunded_pence FROM payments.payment WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!payment || !actsFor(viewer, payment.organisation_id)) throw forbidden();
    const meta = tx.connection.getMetadata(Refund);
    const [earlier] = await tx.query(
      `SELECT ${selectColumns(meta, 't')}, t.request_hash AS "__hash" FROM payments.refund t WHERE t.organisation_id = $1 AND t.idempotency_key = $2`,
      [payment.organisation_id, key],
    );
    if (earlier) {
      if (earlier.__hash !== hash) throw conflict('This idempotency key was already used for a different refund request.');
      return tx.create(Refund, earlier);
    }
    if (payment.direction !== PaymentDirection.INBOUND || payment.status !== PaymentStatus.SUCCESS) {
      throw new GraphQLError(`Only a successful INBOUND payment can be refunded; this one is ${payment.direction} and ${payment.status}.`, {
        extensions: { code: ErrorCode.CONFLICT, currentStatus: payment.status },
      });
    }
    const refundable = BigInt(payment.amount_pence) - BigInt(payment.refunded_pence);
    if (expected !== refundable) {
      throw new GraphQLError(`The refundable amount is now ${refundable} pence, not ${expected}: another refund was made. Check and try again.`, {
        extensions: { code: ErrorCode.CONFLICT, refundable: refundable.toString() },
      });
    }
    if (amount > refundable) {
      throw new GraphQLError(`At most ${refundable} pence can be refunded.`, {
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'amount', refundable: refundable.toString() },
      });
    }
    await tx.query(`UPDATE payments.payment SET refunded_pence = refunded_pence + $2, updated_at = now() WHERE id = $1`, [id, amount.toString()]);
    const [refund] = await tx.query(
      `INSERT INTO payments.refund (payment_id, organisation_id, amount_pence, reason, idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${selectColumns(meta, 'refund')}`,
      [id, payment.organisation_id, amount.toString(), reason, key, hash],
    );
    await audit(tx, { id, organisationId: payment.organisation_id }, { kind: PaymentEventKind.REFUNDED, amount, detail: reason });
    await announcePaymentChange(tx, { paymentId: id, organisationId: payment.organisation_id, status: PaymentStatus.SUCCESS });
    return tx.create(Refund, refund);
  });
}
