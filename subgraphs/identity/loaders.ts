import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loaderById, loaderOfChildren } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { Account } from './entities/account';
import { Consent } from './entities/consent';
import { VerifiedAttribute } from './entities/verified-attribute';

export function createIdentityLoaders(db: DataSource) {
  return {
    accountById: loaderById(db, Account),
    attributesOfAccount: loaderOfChildren(db, VerifiedAttribute, 'accountId', 't.kind, t.id'),
    consentsOfAccount: loaderOfChildren(db, Consent, 'accountId', 't.given_at DESC, t.id'),
    organisationsUsedBy: new DataLoader<string, string[]>(async (accountIds) => {
      const rows: { account_id: string; organisation_id: string }[] = await db.query(
        `SELECT account_id, organisation_id FROM identity.organisation_use
          WHERE account_id = ANY($1::uuid[]) ORDER BY last_used_at DESC, organisation_id`,
        [accountIds],
      );
      const byAccount = new Map<string, string[]>(accountIds.map((id) => [id, []]));
      for (const row of rows) byAccount.get(row.account_id)!.push(row.organisation_id);
      return accountIds.map((id) => byAccount.get(id)!);
    }),
  };
}

export type IdentityContext = SubgraphContext<ReturnType<typeof createIdentityLoaders>>;
