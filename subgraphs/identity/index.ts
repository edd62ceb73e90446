import { identityMigrations } from '../../migrations/identity';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { Account } from './entities/account';
import { AttributeAccess } from './entities/attribute-access';
import { Consent } from './entities/consent';
import { OrganisationUse } from './entities/organisation-use';
import { VerifiedAttribute } from './entities/verified-attribute';
import { Vouch } from './entities/vouch';
import { createIdentityLoaders } from './loaders';
import { AccountResolver, resolveAccountReference } from './resolvers/account.resolver';
import { ConsentResolver } from './resolvers/consent.resolver';
import { MutationResolver } from './resolvers/mutation.resolver';
import { QueryResolver } from './resolvers/query.resolver';
import { SubscriptionResolver } from './resolvers/subscription.resolver';

/** Accounts (ScotAccount / myaccount), verified attributes (Mysafe) and consent. */
export const identitySubgraph: SubgraphDefinition<ReturnType<typeof createIdentityLoaders>> = {
  name: 'identity',
  entities: [Account, VerifiedAttribute, Consent, OrganisationUse, AttributeAccess, Vouch],
  migrations: identityMigrations,
  createLoaders: createIdentityLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [QueryResolver, AccountResolver, ConsentResolver, MutationResolver, SubscriptionResolver] },
      { Account: { __resolveReference: resolveAccountReference } },
    ),
};
