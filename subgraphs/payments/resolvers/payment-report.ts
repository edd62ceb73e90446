import { Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { groupByParent } from '../../shared/rows';
import { PenceScalar } from '../../shared/scalars';
import { PaymentDirection, PaymentStatus } from '../entities/payment';

@ObjectType({ description: 'An organisation\'s payments of one month, direction and status.' })
export class PaymentMonthTotal {
  @Field(() => String, { description: 'The calendar month in UK time, "YYYY-MM".' })
  month!: string;

  @Field(() => PaymentDirection)
  direction!: PaymentDirection;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => Int)
  payments!: number;

  @Field(() => PenceScalar, { description: 'Their sum in pence: exact, never overflows.' })
  amount!: string;

  @Field(() => PenceScalar, { description: 'How much of it has been refunded.' })
  refunded!: string;
}

export interface ReportWindow {
  from: string;
  to: string;
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
  return groupByParent(organisationIds, rows, (row) => row.organisation_id, ({ organisation_id: _organisation, ...total }) => total);
}
