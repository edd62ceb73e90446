import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type Role, forbidden } from '../../shared/auth';
import { badUserInput } from '../../shared/errors';
import { requireText, requireUuid } from '../../shared/validation';
import { selectColumns } from '../../shared/rows';
import { AssuranceLevel } from '../entities/account';
import { Consent } from '../entities/consent';
import { VerifiedAttribute } from '../entities/verified-attribute';
import { Vouch } from '../entities/vouch';
import type { IdentityContext } from '../loaders';
import { visibleAccount } from './account.resolver';
import { GrantConsentInput, RecordVouchInput, UpdateAttributeInput } from './inputs';

/** GPG45: vouching can lift a person by one level at a time, and no higher than MEDIUM. */
const AFTER_VOUCH: Record<AssuranceLevel, AssuranceLevel> = {
  NONE: AssuranceLevel.LOW,
  LOW: AssuranceLevel.MEDIUM,
  MEDIUM: AssuranceLevel.MEDIUM,
  HIGH: AssuranceLevel.HIGH,
};

@Resolver()
export class ConsentMutations {
  @Authorized<Role>('citizen')
  @Mutation(() => Consent, { description: 'The signed-in citizen shares named attributes with an organisation, for a purpose.' })
  async grantConsent(@Arg('input', () => GrantConsentInput) input: GrantConsentInput, @Ctx() ctx: IdentityContext): Promise<Consent> {
    const organisationId = requireUuid(input.organisationId, 'organisationId');
    const attributes = [...new Set(input.attributes)];
    if (attributes.length === 0) throw badUserInput('Name at least one attribute to share.', 'attributes');
    const purpose = requireText(input.purpose, 'purpose', 500);
    const meta = ctx.db.getMetadata(Consent);
    const [row] = await ctx.db.query(
      `INSERT INTO identity.consent (account_id, organisation_id, attributes, purpose, method)
       VALUES ($1, $2, $3, $4, 'ONLINE_FORM') RETURNING ${selectColumns(meta, 'consent')}`,
      [ctx.viewer.subject, organisationId, attributes, purpose],
    );
    return ctx.db.manager.create(Consent, row);
  }

  @Authorized<Role>('citizen')
  @Mutation(() => Consent, { description: 'The citizen withdraws a consent; sharing stops with the next request.' })
  async withdrawConsent(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<Consent> {
    const meta = ctx.db.getMetadata(Consent);
    // For UPDATE … RETURNING, TypeORM answers [rows, affected].
    const [[row]] = await ctx.db.query(
      `UPDATE identity.consent SET withdrawn_at = coalesce(withdrawn_at, now())
        WHERE id = $1 AND account_id = $2 RETURNING ${selectColumns(meta, 'consent')}`,
      [requireUuid(id, 'id'), ctx.viewer.subject],
    );
    // Someone else's consent gets the same answer as none at all.
    if (!row) throw forbidden();
    return ctx.db.manager.create(Consent, row);
  }

  @Authorized<Role>('citizen')
  @Mutation(() => VerifiedAttribute, {
    description: 'Tell us once: the citizen changes an attribute; it is marked as stated by them (source SELF, level LOW) until checked again.',
  })
  async updateVerifiedAttribute(@Arg('input', () => UpdateAttributeInput) input: UpdateAttributeInput, @Ctx() ctx: IdentityContext): Promise<VerifiedAttribute> {
    const value = requireText(input.value, 'value', 500);
    if (input.uprn && !/^[0-9]{1,12}$/.test(input.uprn)) throw badUserInput('`uprn` must be 1 to 12 digits.', 'uprn');
    const meta = ctx.db.getMetadata(VerifiedAttribute);
    const [row] = await ctx.db.query(
      `INSERT INTO identity.verified_attribute (account_id, kind, value, uprn, source, level, verified_at)
       VALUES ($1, $2, $3, $4, 'SELF', 'LOW', now())
       ON CONFLICT (account_id, kind) DO UPDATE SET value = EXCLUDED.value, uprn = EXCLUDED.uprn, source = 'SELF', level = 'LOW', verified_at = now()
       RETURNING ${selectColumns(meta, 'verified_attribute')}`,
      [ctx.viewer.subject, input.kind, value, input.uprn ?? null],
    );
    return ctx.db.manager.create(VerifiedAttribute, row);
  }

  @Authorized<Role>('staff')
  @Mutation(() => Vouch, { description: 'Staff record a vouch for someone who used their services; it lifts the account\'s assurance level by one, up to MEDIUM.' })
  async recordVouch(@Arg('input', () => RecordVouchInput) input: RecordVouchInput, @Ctx() ctx: IdentityContext): Promise<Vouch> {
    const accountId = requireUuid(input.accountId, 'accountId');
    const voucherName = requireText(input.voucherName, 'voucherName', 140);
    const relationship = requireText(input.relationship, 'relationship', 140);
    if (!Number.isInteger(input.knownForYears) || input.knownForYears < 2 || input.knownForYears > 100) {
      throw badUserInput('`knownForYears` must be from 2 to 100: a voucher must have known the person for at least two years.', 'knownForYears');
    }
    await visibleAccount(ctx, accountId);
    return ctx.db.transaction(async (tx) => {
      const [account] = await tx.query(`SELECT assurance_level FROM identity.account WHERE id = $1 FOR UPDATE`, [accountId]);
      const before = account.assurance_level as AssuranceLevel;
      const after = AFTER_VOUCH[before];
      await tx.query(`UPDATE identity.account SET assurance_level = $2 WHERE id = $1`, [accountId, after]);
      const meta = tx.connection.getMetadata(Vouch);
      const [row] = await tx.query(
        `INSERT INTO identity.vouch (account_id, voucher_name, relationship, known_for_years, recorded_by, organisation_id, level_before, level_after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${selectColumns(meta, 'vouch')}`,
        [accountId, voucherName, relationship, input.knownForYears, ctx.viewer.subject, ctx.viewer.organisationId, before, after],
      );
      return tx.create(Vouch, row);
    });
  }
}

