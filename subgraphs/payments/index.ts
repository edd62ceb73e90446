import { paymentsMigrations } from '../../migrations/payments';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { Payee, PayeeCheck } from './entities/payee-check';
import { Payment } from './entities/payment';
import { PaymentEvent } from './entities/payment-event';
import { Refund } from './entities/refund';
import { PaymentMutations } from './resolvers/payment-mutations.resolver';
import { createPaymentsLoaders, type PaymentsContext } from './loaders';
import { AccountRef, OrganisationRef } from './resolvers/references';
import { AccountPaymentsResolver, OrganisationPaymentsResolver, PaymentResolver, visiblePayment } from './resolvers/payment.resolver';

/** ScotPayments: payments into and out of public bodies, refunds, Confirmation of Payee and the audit trail. */
export const paymentsSubgraph: SubgraphDefinition<ReturnType<typeof createPaymentsLoaders>> = {
  name: 'payments',
  entities: [Payment, Refund, PaymentEvent, PayeeCheck, Payee],
  migrations: paymentsMigrations,
  createLoaders: createPaymentsLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [PaymentResolver, OrganisationPaymentsResolver, AccountPaymentsResolver, PaymentMutations], orphanedTypes: [AccountRef, OrganisationRef] },
      { Payment: { __resolveReference: (ref: { id: string }, ctx: PaymentsContext) => visiblePayment(ctx, ref.id) } },
    ),
};
