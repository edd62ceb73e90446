import type { DataSource } from 'typeorm';
import { announceEntityChange } from '../shared/entity-changes';
import { badUserInput } from '../shared/errors';
import { requireUuid } from '../shared/validation';
import { Organisation } from './entities/organisation';
import type { UpdateOrganisationInput } from './inputs';

/** A council by the GSS code of its area, or null. */
export function organisationByGssCode(db: DataSource, gssCode: string): Promise<Organisation | null> {
  return db.getRepository(Organisation).findOneBy({ gssCode });
}

/** A valid change, or BAD_USER_INPUT naming the field. */
export function validOrganisationUpdate(input: UpdateOrganisationInput): { organisationId: string; website: string | null } {
  const organisationId = requireUuid(input.organisationId, 'input.organisationId');
  const website = input.website?.trim() || null;
  if (website !== null) {
    const url = URL.canParse(website) ? new URL(website) : null;
    if (!url || url.protocol !== 'https:' || website.length > 255)
      throw badUserInput('`input.website` must be an absolute https URL of at most 255 characters.', 'input.website');
  }
  return { organisationId, website };
}

/**
 * Writes an organisation's website and, in the same transaction, announces
 * the change, so every gateway drops its cached copy once it commits.
 * Null when there is no such organisation.
 */
export async function updateOrganisationWebsite(db: DataSource, organisationId: string, website: string | null): Promise<Organisation | null> {
  return db.transaction(async (tx) => {
    const [rows] = (await tx.query('UPDATE organisations.organisation SET website = $2 WHERE id = $1 RETURNING id', [organisationId, website])) as [
      { id: string }[],
      number,
    ];
    if (rows.length === 0) return null;
    await announceEntityChange(tx, 'organisations', { typename: 'Organisation', id: organisationId });
    return tx.getRepository(Organisation).findOneByOrFail({ id: organisationId });
  });
}
