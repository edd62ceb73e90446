import type { DataSource } from 'typeorm';
import { type KeysetPageQuery, countByParent, loadPagesByParent } from '../shared/keyset';
import { loaderById, loaderByParent, loaderOfChildren, loaderPerArgs } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { PayeeCheck } from './entities/payee-check';
import { Payment } from './entities/payment';
import { PaymentEvent } from './entities/payment-event';
import { Refund } from './entities/refund';
import { type ReportWindow, paymentReports, paymentTotals } from './reports';

export function createPaymentsLoaders(db: DataSource) {
  return {
    paymentById: loaderById(db, Payment),
    payeeCheckById: loaderById(db, PayeeCheck),
    refundsOfPayment: loaderOfChildren(db, Refund, 'paymentId', 't.created_at, t.id'),
    eventsOfPayment: loaderOfChildren(db, PaymentEvent, 'paymentId', 't.sequence'),
    paymentsOfOrganisation: loaderPerArgs((q: KeysetPageQuery<Payment>, ids) => loadPagesByParent(db, Payment, 'organisationId', ids, q)),
    paymentsOfAccount: loaderPerArgs((q: KeysetPageQuery<Payment>, ids) => loadPagesByParent(db, Payment, 'accountId', ids, q)),
    paymentCountOfOrganisation: loaderPerArgs((equals: KeysetPageQuery<Payment>['equals'], ids) => countByParent(db, Payment, 'organisationId', ids, equals)),
    paymentCountOfAccount: loaderPerArgs((equals: KeysetPageQuery<Payment>['equals'], ids) => countByParent(db, Payment, 'accountId', ids, equals)),
    eventsOfOrganisation: loaderPerArgs((q: KeysetPageQuery<PaymentEvent>, ids) => loadPagesByParent(db, PaymentEvent, 'organisationId', ids, q)),
    reportOfOrganisation: loaderPerArgs((window: ReportWindow, ids) => paymentReports(db, window, ids)),
    totalsOfOrganisation: loaderByParent((organisationIds) => paymentTotals(db, organisationIds)),
  };
}

export type PaymentsContext = SubgraphContext<ReturnType<typeof createPaymentsLoaders>>;
