import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { forbidden, isAccountHolder, requireSignedIn } from '../../shared/auth';
import { type EntityRef, refOf } from '../../shared/references';
import { Account } from '../entities/account';
import { AttributeAccess } from '../entities/attribute-access';
import { AttributeVisibility, AttributeVisibilityReason } from '../entities/attribute-visibility';
import { Consent } from '../entities/consent';
import { OrganisationRef } from '../entities/organisation';
import { AttributeKind, VerifiedAttribute } from '../entities/verified-attribute';
import { Vouch } from '../entities/vouch';
import type { IdentityContext } from '../loaders';

/**
 * An account the viewer may see, or FORBIDDEN: the same answer whether or
 * not it exists. Citizens see their own; staff see those who used or
 * consented to their organisation; nobody else sees accounts.
 */
export async function visibleAccount(ctx: IdentityContext, id: string): Promise<Account> {
  requireSignedIn(ctx.viewer);
  if (!(await ctx.loaders.accountVisible.load(id))) throw forbidden();
  const account = await ctx.loaders.accountById.load(id);
  if (!account) throw forbidden();
  return account;
}

function requireHolder(ctx: IdentityContext, account: Account): void {
  if (!isAccountHolder(ctx.viewer, account.id)) throw forbidden();
}

@Resolver(() => Account)
export class AccountResolver {
  @FieldResolver(() => [VerifiedAttribute], {
    description:
      "Verified attributes in the person's Mysafe store, by kind. The citizen sees all; staff see only those named in an active consent to their organisation, and each read is recorded (the citizen sees it in `attributeAccesses`). Empty for staff without such a consent: `attributesVisibleToYou` says which.",
  })
  verifiedAttributes(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<VerifiedAttribute[]> {
    if (isAccountHolder(ctx.viewer, account.id)) return ctx.loaders.attributesOfAccount.load(account.id);
    return ctx.loaders.consentedAttributesRecordingAccess.load(account.id);
  }

  @FieldResolver(() => AttributeVisibility, {
    description:
      'Which attribute kinds you may see here and why (your own account, an active consent, a withdrawn one, or none). Ask for it beside `verifiedAttributes` to explain an empty or short list; it reads consents only, so asking records no access.',
  })
  async attributesVisibleToYou(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<AttributeVisibility> {
    if (isAccountHolder(ctx.viewer, account.id)) return { reason: AttributeVisibilityReason.OWN_ACCOUNT, kinds: Object.values(AttributeKind) };
    const toUs = (await ctx.loaders.consentsOfAccount.load(account.id)).filter((consent) => consent.organisationId === ctx.viewer.organisationId);
    const active = toUs.filter((consent) => consent.withdrawnAt === null);
    if (active.length === 0) {
      return { reason: toUs.length > 0 ? AttributeVisibilityReason.CONSENT_WITHDRAWN : AttributeVisibilityReason.NO_CONSENT, kinds: [] };
    }
    const named = new Set(active.flatMap((consent) => consent.attributes));
    return { reason: AttributeVisibilityReason.CONSENTED, kinds: Object.values(AttributeKind).filter((kind) => named.has(kind)) };
  }

  @FieldResolver(() => [Consent], {
    description: 'Consents given, newest first, withdrawn ones included: all for the citizen, those to their organisation for staff.',
  })
  async consents(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<Consent[]> {
    const consents = await ctx.loaders.consentsOfAccount.load(account.id);
    return isAccountHolder(ctx.viewer, account.id) ? consents : consents.filter((consent) => consent.organisationId === ctx.viewer.organisationId);
  }

  @FieldResolver(() => [OrganisationRef], {
    description: 'Organisations whose services this account has signed in to, most recent first (staff see only their own).',
  })
  async organisations(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<EntityRef[]> {
    const used = await ctx.loaders.organisationsUsedBy.load(account.id);
    const shown = isAccountHolder(ctx.viewer, account.id) ? used : used.filter((id) => id === ctx.viewer.organisationId);
    return shown.map((id) => refOf(id));
  }

  @FieldResolver(() => [AttributeAccess], {
    nullable: true,
    description: "Every read of this person's attributes by an organisation, newest first. The citizen only.",
  })
  attributeAccesses(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<AttributeAccess[]> {
    requireHolder(ctx, account);
    return ctx.loaders.accessesOfAccount.load(account.id);
  }

  @FieldResolver(() => [Vouch], { description: 'Vouches recorded for this person, oldest first.' })
  vouches(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<Vouch[]> {
    return ctx.loaders.vouchesOfAccount.load(account.id);
  }
}

export function resolveAccountReference(reference: EntityRef, ctx: IdentityContext) {
  return visibleAccount(ctx, reference.id);
}
