import type { DataSource } from 'typeorm';
import type { Viewer } from '../shared/auth';
import type { KeysetPageQuery, KeysetRows } from '../shared/keyset';
import { groupByParent, selectColumns } from '../shared/rows';
import { Account } from './entities/account';

/** Whether this viewer may see each account at all: their own, or one that used or consented to their organisation. */
export async function accountsVisibleTo(db: DataSource, viewer: Viewer, accountIds: readonly string[]): Promise<boolean[]> {
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
}

/** One keyset page of the accounts that have used an organisation's services, newest first. */
export async function accountsThatUsedOrganisation(
  db: DataSource,
  organisationId: string | null,
  query: KeysetPageQuery<Account>,
): Promise<KeysetRows<Account>> {
  const meta = db.getMetadata(Account);
  const after = query.after;
  const [rows, [preceded]] = await Promise.all([
    db.query(
      `SELECT ${selectColumns(meta, 't')} FROM identity.organisation_use u JOIN identity.account t ON t.id = u.account_id
        WHERE u.organisation_id = $1 ${after ? 'AND (t.created_at, t.id) < ($3, $4)' : ''}
        ORDER BY t.created_at DESC, t.id DESC LIMIT $2`,
      after ? [organisationId, query.limit, after.key, after.id] : [organisationId, query.limit],
    ),
    // hasPreviousPage: whether any account of this list sorts at or before the cursor.
    after
      ? db.query(
          `SELECT EXISTS (SELECT 1 FROM identity.organisation_use u JOIN identity.account t ON t.id = u.account_id
              WHERE u.organisation_id = $1 AND (t.created_at, t.id) >= ($2, $3)) AS "any"`,
          [organisationId, after.key, after.id],
        )
      : [{ any: false }],
  ]);
  return { rows: rows.map((row: object) => db.manager.create(Account, row)), precededByCursor: preceded.any === true };
}

/** The organisations each account has signed in to, most recent first. */
export async function organisationsUsedBy(db: DataSource, accountIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows: { account_id: string; organisation_id: string }[] = await db.query(
    `SELECT account_id, organisation_id FROM identity.organisation_use
      WHERE account_id = ANY($1::uuid[]) ORDER BY last_used_at DESC, organisation_id`,
    [accountIds],
  );
  return groupByParent(
    accountIds,
    rows,
    (row) => row.account_id,
    (row) => row.organisation_id,
  );
}
