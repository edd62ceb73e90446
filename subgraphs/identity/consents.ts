import type { DataSource } from 'typeorm';
import { type Viewer, forbidden } from '../shared/auth';
import { badUserInput } from '../shared/errors';
import { selectColumns } from '../shared/rows';
import { requireText, requireUuid } from '../shared/validation';
import { announceConsentChange } from './changes';
import { Consent } from './entities/consent';
import type { GrantConsentInput } from './inputs';

/** The signed-in citizen shares named attributes with an organisation, for a purpose. */
export async function grantConsent(db: DataSource, viewer: Viewer, input: GrantConsentInput): Promise<Consent> {
  const organisationId = requireUuid(input.organisationId, 'organisationId');
  const attributes = [...new Set(input.attributes)];
  if (attributes.length === 0) throw badUserInput('Name at least one attribute to share.', 'attributes');
  const purpose = requireText(input.purpose, 'purpose', 500);
  const meta = db.getMetadata(Consent);
  return db.transaction(async (tx) => {
    const [row] = await tx.query(
      `INSERT INTO identity.consent (account_id, organisation_id, attributes, purpose, method)
       VALUES ($1, $2, $3, $4, 'ONLINE_FORM') RETURNING ${selectColumns(meta, 'consent')}`,
      [viewer.subject, organisationId, attributes, purpose],
    );
    await announceConsentChange(tx, { consentId: row.id, accountId: row.accountId });
    return tx.create(Consent, row);
  });
}

/** The citizen withdraws one of their consents; withdrawing again keeps the first time. */
export async function withdrawConsent(db: DataSource, viewer: Viewer, id: string): Promise<Consent> {
  const meta = db.getMetadata(Consent);
  const consentId = requireUuid(id, 'id');
  return db.transaction(async (tx) => {
    // For UPDATE … RETURNING, TypeORM answers [rows, affected].
    const [[row]] = await tx.query(
      `UPDATE identity.consent SET withdrawn_at = coalesce(withdrawn_at, now())
        WHERE id = $1 AND account_id = $2 RETURNING ${selectColumns(meta, 'consent')}`,
      [consentId, viewer.subject],
    );
    // Someone else's consent gets the same answer as none at all.
    if (!row) throw forbidden();
    await announceConsentChange(tx, { consentId: row.id, accountId: row.accountId });
    return tx.create(Consent, row);
  });
}
