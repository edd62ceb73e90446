import type { DataSource } from 'typeorm';
import type { Viewer } from '../shared/auth';
import { badUserInput } from '../shared/errors';
import { groupByParent, selectColumns } from '../shared/rows';
import { requireText } from '../shared/validation';
import { type AttributeKind, VerifiedAttribute } from './entities/verified-attribute';
import type { UpdateAttributeInput } from './inputs';

/**
 * For staff: only the attributes an active consent to their organisation
 * names, and each read recorded under that consent (an attribute_access row
 * the citizen can see), in one batch. A read that writes, as its name says.
 */
export async function readConsentedAttributesRecordingAccess(
  db: DataSource,
  viewer: Viewer,
  accountIds: readonly string[],
): Promise<Map<string, VerifiedAttribute[]>> {
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
  const byAccount = groupByParent(
    accountIds,
    rows,
    (row) => row.accountId,
    ({ consentId: _consent, ...row }) => db.manager.create(VerifiedAttribute, row),
  );
  for (const attributes of byAccount.values()) attributes.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return byAccount;
}

/** Tell us once: the citizen changes an attribute; it is marked as stated by them (source SELF, level LOW) until checked again. */
export async function updateVerifiedAttribute(db: DataSource, viewer: Viewer, input: UpdateAttributeInput): Promise<VerifiedAttribute> {
  const value = requireText(input.value, 'value', 500);
  if (input.uprn && !/^[0-9]{1,12}$/.test(input.uprn)) throw badUserInput('`uprn` must be 1 to 12 digits.', 'uprn');
  const meta = db.getMetadata(VerifiedAttribute);
  const [row] = await db.query(
    `INSERT INTO identity.verified_attribute (account_id, kind, value, uprn, source, level, verified_at)
     VALUES ($1, $2, $3, $4, 'SELF', 'LOW', now())
     ON CONFLICT (account_id, kind) DO UPDATE SET value = EXCLUDED.value, uprn = EXCLUDED.uprn, source = 'SELF', level = 'LOW', verified_at = now()
     RETURNING ${selectColumns(meta, 'verified_attribute')}`,
    [viewer.subject, input.kind, value, input.uprn ?? null],
  );
  return db.manager.create(VerifiedAttribute, row);
}
