import type { DataSource } from 'typeorm';
import type { Viewer } from '../shared/auth';
import { badUserInput } from '../shared/errors';
import { selectColumns } from '../shared/rows';
import { requireText, requireUuid } from '../shared/validation';
import { AssuranceLevel } from './entities/account';
import { Vouch } from './entities/vouch';
import type { RecordVouchInput } from './inputs';

/** GPG45: vouching can lift a person by one level at a time, and no higher than MEDIUM. */
const AFTER_VOUCH: Record<AssuranceLevel, AssuranceLevel> = {
  NONE: AssuranceLevel.LOW,
  LOW: AssuranceLevel.MEDIUM,
  MEDIUM: AssuranceLevel.MEDIUM,
  HIGH: AssuranceLevel.HIGH,
};

/** A vouch's input, checked; the caller checks that the account may be seen before recording it. */
export function validVouch(input: RecordVouchInput): RecordVouchInput {
  const accountId = requireUuid(input.accountId, 'accountId');
  const voucherName = requireText(input.voucherName, 'voucherName', 140);
  const relationship = requireText(input.relationship, 'relationship', 140);
  if (!Number.isInteger(input.knownForYears) || input.knownForYears < 2 || input.knownForYears > 100) {
    throw badUserInput('`knownForYears` must be from 2 to 100: a voucher must have known the person for at least two years.', 'knownForYears');
  }
  return { accountId, voucherName, relationship, knownForYears: input.knownForYears };
}

/** Records a vouch by the viewer's organisation and lifts the account's assurance level, in one transaction. */
export function recordVouch(db: DataSource, viewer: Viewer, vouch: RecordVouchInput): Promise<Vouch> {
  const { accountId, voucherName, relationship, knownForYears } = vouch;
  return db.transaction(async (tx) => {
    const [account] = await tx.query(`SELECT assurance_level FROM identity.account WHERE id = $1 FOR UPDATE`, [accountId]);
    const before = account.assurance_level as AssuranceLevel;
    const after = AFTER_VOUCH[before];
    await tx.query(`UPDATE identity.account SET assurance_level = $2 WHERE id = $1`, [accountId, after]);
    const meta = tx.connection.getMetadata(Vouch);
    const [row] = await tx.query(
      `INSERT INTO identity.vouch (account_id, voucher_name, relationship, known_for_years, recorded_by, organisation_id, level_before, level_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${selectColumns(meta, 'vouch')}`,
      [accountId, voucherName, relationship, knownForYears, viewer.subject, viewer.organisationId, before, after],
    );
    return tx.create(Vouch, row);
  });
}
