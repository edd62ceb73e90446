import { paymentsMigrations } from '../../migrations/payments';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { Payment } from './entities/payment';
import { createPaymentsLoaders, type PaymentsContext } from './loaders';
import { AccountRef, OrganisationRef } from './resolvers/references';
import { AccountPaymentsResolver, OrganisationPaymentsResolver, PaymentResolver } from './resolvers/payment.resolver';

/** ScotPayments: payments into and out of public bodies. */
export const paymentsSubgraph: SubgraphDefinition<ReturnType<typeof createPaymentsLoaders>> = {
  name: 'payments',
  entities: [Payment],
  migrations: paymentsMigrations,
  createLoaders: createPaymentsLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [PaymentResolver, OrganisationPaymentsResolver, AccountPaymentsResolver], orphanedTypes: [AccountRef, OrganisationRef] },
      { Payment: { __resolveReference: (ref: { id: string }, ctx: PaymentsContext) => ctx.loaders.paymentById.load(ref.id) } },
    ),
};
