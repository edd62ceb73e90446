import { paymentsMigrations } from '../../migrations/payments';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { AccountRef } from './entities/account';
import { OrganisationRef } from './entities/organisation';
import { Payee, PayeeCheck } from './entities/payee-check';
import { Payment } from './entities/payment';
import { PaymentEvent } from './entities/payment-event';
import { Refund } from './entities/refund';
import { createPaymentsLoaders } from './loaders';
import { AccountResolver } from './resolvers/account.resolver';
import { MutationResolver } from './resolvers/mutation.resolver';
import { OrganisationResolver } from './resolvers/organisation.resolver';
import { PaymentResolver, resolvePaymentReference } from './resolvers/payment.resolver';
import { QueryResolver } from './resolvers/query.resolver';
import { SubscriptionResolver } from './resolvers/subscription.resolver';

/** ScotPayments: payments into and out of public bodies, refunds, Confirmation of Payee and the audit trail. */
export const paymentsSubgraph: SubgraphDefinition<ReturnType<typeof createPaymentsLoaders>> = {
  name: 'payments',
  entities: [Payment, Refund, PaymentEvent, PayeeCheck, Payee],
  migrations: paymentsMigrations,
  createLoaders: createPaymentsLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [QueryResolver, PaymentResolver, OrganisationResolver, AccountResolver, MutationResolver, SubscriptionResolver],
        orphanedTypes: [AccountRef, OrganisationRef],
      },
      { Payment: { __resolveReference: resolvePaymentReference } },
    ),
};
