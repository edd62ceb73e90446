import type { DataSource } from 'typeorm';
import { groupByParent } from '../shared/rows';
import type { PaymentMonthTotal } from './entities/payment-month-total';
import type { PaymentTotal } from './entities/payment-total';

export interface ReportWindow {
  from: string;
  to: string;
}

/** Counts and sums by direction and status for many organisations in one statement. */
export async function paymentTotals(db: DataSource, organisationIds: readonly string[]): Promise<Map<string, PaymentTotal[]>> {
  // Kept by the database as payments are written (migrations/payments/…-PaymentTotals.ts); sums are numeric, exact, sent as text.
  const rows: (PaymentTotal & { organisation_id: string })[] = await db.query(
    `SELECT organisation_id, direction, status, payments::int AS payments, amount_pence::text AS amount
       FROM payments.payment_total WHERE organisation_id = ANY($1::uuid[]) AND payments > 0
      ORDER BY direction, status`,
    [organisationIds],
  );
  return groupByParent(
    organisationIds,
    rows,
    (row) => row.organisation_id,
    ({ organisation_id: _organisation, ...total }) => total,
  );
}

/**
 * Monthly totals for many organisations in one statement. Sums are numeric,
 * sent as text: exact at any size.
 */
export async function paymentReports(db: DataSource, window: ReportWindow, organisationIds: readonly string[]): Promise<Map<string, PaymentMonthTotal[]>> {
  const rows: (PaymentMonthTotal & { organisation_id: string })[] = await db.query(
    `SELECT organisation_id, to_char(created_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, direction, status,
            count(*)::int AS payments, sum(amount_pence)::numeric::text AS amount, sum(refunded_pence)::numeric::text AS refunded
       FROM payments.payment
      WHERE organisation_id = ANY($1::uuid[]) AND created_at >= $2 AND created_at < $3
      GROUP BY organisation_id, 2, direction, status
      ORDER BY 2, direction, status`,
    [organisationIds, window.from, window.to],
  );
  return groupByParent(
    organisationIds,
    rows,
    (row) => row.organisation_id,
    ({ organisation_id: _organisation, ...total }) => total,
  );
}
