import { Arg, Args, Authorized, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type Role, forbidden, isAccountHolder, requireSignedIn } from '../../shared/auth';
import { requireUuid } from '../../shared/validation';
import { type KeysetOrder, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { selectColumns } from '../../shared/rows';
import { Connection, PageArgs } from '../../shared/pagination';
import { type EntityRef, refOf } from '../../shared/references';
import { Account } from '../entities/account';
import { AttributeAccess } from '../entities/attribute-access';
import { Consent } from '../entities/consent';
import { VerifiedAttribute } from '../entities/verified-attribute';
import { Vouch } from '../entities/vouch';
import type { IdentityContext } from '../loaders';
import { OrganisationRef } from './references';

@ObjectType({ description: 'A page of accounts, newest first.' })
export class AccountConnection extends Connection(Account) {}

const NEWEST_FIRST: KeysetOrder<Account> = { by: 'createdAt', direction: 'DESC' };

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
  @Query(() => Account, {
    nullable: true,
    description: 'An account by its subject id: your own, or for staff one that used or consented to your organisation. FORBIDDEN otherwise, whether or not it exists.',
  })
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<Account> {
    return visibleAccount(ctx, requireUuid(id, 'id'));
  }

  @Authorized<Role>('citizen')
  @Query(() => Account, { description: 'The signed-in citizen\'s own account.' })
  me(@Ctx() ctx: IdentityContext): Promise<Account> {
    return visibleAccount(ctx, ctx.viewer.subject!);
  }

  @Authorized<Role>('citizen', 'staff', 'partner')
  @Query(() => AccountConnection, { description: 'Accounts newest first: for staff, those that have used their organisation\'s services; for a citizen, their own.' })
  async accounts(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: IdentityContext): Promise<AccountConnection> {
    const citizen = ctx.viewer.role === 'citizen';
    const query = keysetQuery(args, NEWEST_FIRST, citizen ? { id: ctx.viewer.subject } : undefined);
    if (citizen) return pageOf(await loadPage(ctx.db, Account, query), query);
    const meta = ctx.db.getMetadata(Account);
    const after = query.after;
    const rows = await ctx.db.query(
      `SELECT ${selectColumns(meta, 't')} FROM identity.organisation_use u JOIN identity.account t ON t.id = u.account_id
        WHERE u.organisation_id = $1 ${after ? 'AND (t.created_at, t.id) < ($3, $4)' : ''}
        ORDER BY t.created_at DESC, t.id DESC LIMIT $2`,
      after ? [ctx.viewer.organisationId, query.limit, after.key, after.id] : [ctx.viewer.organisationId, query.limit],
    );
    return pageOf(rows.map((row: object) => ctx.db.manager.create(Account, row)), query);
  }

  @FieldResolver(() => [VerifiedAttribute], {
    description:
      'Verified attributes in the person\'s Mysafe store. The citizen sees all; staff see only those named in an active consent to their organisation, and each read is recorded.',
  })
  verifiedAttributes(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<VerifiedAttribute[]> {
    if (isAccountHolder(ctx.viewer, account.id)) return ctx.loaders.attributesOfAccount.load(account.id);
    return ctx.loaders.consentedAttributesOfAccount.load(account.id);
  }

  @FieldResolver(() => [Consent], { description: 'Consents given, newest first, withdrawn ones included: all for the citizen, those to their organisation for staff.' })
  async consents(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<Consent[]> {
    const consents = await ctx.loaders.consentsOfAccount.load(account.id);
    return isAccountHolder(ctx.viewer, account.id) ? consents : consents.filter((consent) => consent.organisationId === ctx.viewer.organisationId);
  }

  @FieldResolver(() => [OrganisationRef], { description: 'Organisations whose services this account has signed in to, most recent first (staff see only their own).' })
  async organisations(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<EntityRef[]> {
    const used = await ctx.loaders.organisationsUsedBy.load(account.id);
    const shown = isAccountHolder(ctx.viewer, account.id) ? used : used.filter((id) => id === ctx.viewer.organisationId);
    return shown.map((id) => refOf(id));
  }

  @FieldResolver(() => [AttributeAccess], { nullable: true, description: 'Every read of this person\'s attributes by an organisation, newest first. The citizen only.' })
  attributeAccesses(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<AttributeAccess[]> {
    requireHolder(ctx, account);
    return ctx.loaders.accessesOfAccount.load(account.id);
  }

  @FieldResolver(() => [Vouch], { description: 'Vouches recorded for this person, oldest first.' })
  vouches(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<Vouch[]> {
    return ctx.loaders.vouchesOfAccount.load(account.id);
  }
}

@Resolver(() => Consent)
export class ConsentResolver {
  @FieldResolver(() => OrganisationRef, { description: 'Who the attributes are shared with.' })
  organisation(@Root() consent: Consent): EntityRef {
    return refOf(consent.organisationId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether sharing is in force now (given and not withdrawn).' })
  active(@Root() consent: Consent): boolean {
    return consent.withdrawnAt === null;
  }
}

export function resolveAccountReference(reference: EntityRef, ctx: IdentityContext) {
  return visibleAccount(ctx, reference.id);
}
