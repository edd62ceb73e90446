import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../shared/auth';
import { groupByParent, selectColumns } from '../shared/rows';
import { loaderById, loaderOfChildren } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { Account } from './entities/account';
import { AttributeAccess } from './entities/attribute-access';
import { Consent } from './entities/consent';
import { AttributeKind, VerifiedAttribute } from './entities/verified-attribute';
import { Vouch } from './entities/vouch';

export function createIdentityLoaders(db: DataSource, viewer: Viewer) {
  return {
    accountById: loaderById(db, Account),
    /** Whether this viewer may see an account at all: their own, or one that used or consented to their organisation. */
    accountVisible: new DataLoader<string, boolean>(async (accountIds) => {
      if (viewer.role === 'citizen') return accountIds.map((id) => id === viewer.subject);
      if ((viewer.role !== 'staff' && viewer.role !== 'partner') || !viewer.organisationId) return accountIds.map(() => false);
      const rows: { account_id: string }[] = await db.query(
        `SELECT account_id FROM identity.organisation_use WHERE organisation_id = $1 AND account_id = ANY($2::uuid[])
         UNION
         SELECT account_id FROM identity.consent WHERE organisation_id = $1 AND withdrawn_at IS NULL AND account_id = ANY($2::uuid[])`,
        [viewer.organisationId, accountIds],
      );
      const visible = new Set(rows.map((row) => row.account_id));
      return accountIds.map((id) => visible.has(id));
    }),
    attributesOfAccount: loaderOfChildren(db, VerifiedAttribute, 'accountId', 't.kind, t.id'),
    /**
     * For staff: only the attributes an active consent to their organisation
     * names, and each read recorded under that consent, in one batch.
     */
    consentedAttributesOfAccount: new DataLoader<string, VerifiedAttribute[]>(async (accountIds) => {
      const meta = db.getMetadata(VerifiedAttribute);
      const rows: (VerifiedAttribute & { consentId: string })[] = await db.query(
        `SELECT DISTINCT ON (t.id) ${selectColumns(meta, 't')}, c.id AS "consentId"
           FROM identity.consent c
           JOIN identity.verified_attribute t ON t.account_id = c.account_id AND t.kind = ANY(c.attributes)
          WHERE c.organisation_id = $1 AND c.withdrawn_at IS NULL AND c.account_id = ANY($2::uuid[])
          ORDER BY t.id, c.given_at DESC`,
        [viewer.organisationId, accountIds],
      );
      const reads = new Map<string, { accountId: string; consentId: string; kinds: AttributeKind[] }>();
      for (const row of rows) {
        const key = `${row.accountId}:${row.consentId}`;
        const read = reads.get(key) ?? { accountId: row.accountId, consentId: row.consentId, kinds: [] };
        read.kinds.push(row.kind);
        reads.set(key, read);
      }
      if (reads.size > 0) {
        const list = [...reads.values()];
        await db.query(
          `INSERT INTO identity.attribute_access (account_id, organisation_id, accessed_by, consent_id, attributes)
           SELECT a.account_id, $1, $2, a.consent_id, string_to_array(a.kinds, ',')
             FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS a(account_id, consent_id, kinds)`,
          [viewer.organisationId, viewer.subject, list.map((r) => r.accountId), list.map((r) => r.consentId), list.map((r) => r.kinds.join(','))],
        );
      }
      const byAccount = groupByParent(accountIds, rows, (row) => row.accountId, ({ consentId: _consent, ...row }) => db.manager.create(VerifiedAttribute, row));
      return accountIds.map((id) => byAccount.get(id)!.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)));
    }),
    consentsOfAccount: loaderOfChildren(db, Consent, 'accountId', 't.given_at DESC, t.id'),
    accessesOfAccount: loaderOfChildren(db, AttributeAccess, 'accountId', 't.accessed_at DESC, t.id DESC'),
    vouchesOfAccount: loaderOfChildren(db, Vouch, 'accountId', 't.recorded_at, t.id'),
    organisationsUsedBy: new DataLoader<string, string[]>(async (accountIds) => {
      const rows: { account_id: string; organisation_id: string }[] = await db.query(
        `SELECT account_id, organisation_id FROM identity.organisation_use
          WHERE account_id = ANY($1::uuid[]) ORDER BY last_used_at DESC, organisation_id`,
        [accountIds],
      );
      const byAccount = groupByParent(accountIds, rows, (row) => row.account_id, (row) => row.organisation_id);
      return accountIds.map((id) => byAccount.get(id)!);
    }),
  };
}

export type IdentityContext = SubgraphContext<ReturnType<typeof createIdentityLoaders>>;
