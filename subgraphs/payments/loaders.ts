import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { type KeysetPageQuery, loadPagesByParent } from '../shared/keyset';
import { groupByParent } from '../shared/rows';
import { loaderById, loaderOfChildren, loaderPerArgs } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { PayeeCheck } from './entities/payee-check';
import { Payment } from './entities/payment';
import { PaymentEvent } from './entities/payment-event';
import { Refund } from './entities/refund';
import { type ReportWindow, paymentReports } from './resolvers/payment-report';
import type { PaymentTotal } from './resolvers/payment-total';

export function createPaymentsLoaders(db: DataSource) {
  return {
    paymentById: loaderById(db, Payment),
    payeeCheckById: loaderById(db, PayeeCheck),
    refundsOfPayment: loaderOfChildren(db, Refund, 'paymentId', 't.created_at, t.id'),
    eventsOfPayment: loaderOfChildren(db, PaymentEvent, 'paymentId', 't.sequence'),
    paymentsOfOrganisation: loaderPerArgs((q: KeysetPageQuery<Payment>, ids) => loadPagesByParent(db, Payment, 'organisationId', ids, q)),
    paymentsOfAccount: loaderPerArgs((q: KeysetPageQuery<Payment>, ids) => loadPagesByParent(db, Payment, 'accountId', ids, q)),
    eventsOfOrganisation: loaderPerArgs((q: KeysetPageQuery<PaymentEvent>, ids) => loadPagesByParent(db, PaymentEvent, 'organisationId', ids, q)),
    reportOfOrganisation: loaderPerArgs((window: ReportWindow, ids) => paymentReports(db, window, ids)),
    totalsOfOrganisation: new DataLoader<string, PaymentTotal[]>(async (organisationIds) => {
      // Sums as numeric: exact whatever the total, and handed over by pg as a string.
      const rows: (PaymentTotal & { organisation_id: string })[] = await db.query(
        `SELECT organisation_id, direction, status, count(*)::int AS payments, sum(amount_pence)::numeric::text AS amount
           FROM payments.payment WHERE organisation_id = ANY($1::uuid[])
          GROUP BY organisation_id, direction, status ORDER BY direction, status`,
        [organisationIds],
      );
      const byOrganisation = groupByParent(organisationIds, rows, (row) => row.organisation_id, ({ organisation_id: _organisation, ...total }) => total);
      return organisationIds.map((id) => byOrganisation.get(id)!);
    }),
  };
}

export type PaymentsContext = SubgraphContext<ReturnType<typeof createPaymentsLoaders>>;
