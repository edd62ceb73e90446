import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUuid } from '../../shared/errors';
import { type KeysetOrder, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { Connection, PageArgs } from '../../shared/pagination';
import { type EntityRef, refOf } from '../../shared/references';
import { Account } from '../entities/account';
import { Consent } from '../entities/consent';
import { VerifiedAttribute } from '../entities/verified-attribute';
import type { IdentityContext } from '../loaders';
import { OrganisationRef } from './references';

@ObjectType({ description: 'A page of accounts, newest first.' })
export class AccountConnection extends Connection(Account) {}

const NEWEST_FIRST: KeysetOrder<Account> = { by: 'createdAt', direction: 'DESC' };

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'An account by its subject id; null when there is none.' })
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<Account | null> {
    return ctx.loaders.accountById.load(requireUuid(id, 'id'));
  }

  @Query(() => AccountConnection, { description: 'Accounts, newest first, a page at a time.' })
  async accounts(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: IdentityContext): Promise<AccountConnection> {
    const query = keysetQuery(args, NEWEST_FIRST);
    return pageOf(await loadPage(ctx.db, Account, query), query);
  }

  @FieldResolver(() => [VerifiedAttribute], { description: 'The verified attributes in the person\'s Mysafe store.' })
  verifiedAttributes(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<VerifiedAttribute[]> {
    return ctx.loaders.attributesOfAccount.load(account.id);
  }

  @FieldResolver(() => [Consent], { description: 'Every consent the person has given, newest first, withdrawn ones included.' })
  consents(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<Consent[]> {
    return ctx.loaders.consentsOfAccount.load(account.id);
  }

  @FieldResolver(() => [OrganisationRef], { description: 'The organisations whose services this account has signed in to, most recent first.' })
  async organisations(@Root() account: Account, @Ctx() ctx: IdentityContext): Promise<EntityRef[]> {
    return (await ctx.loaders.organisationsUsedBy.load(account.id)).map((id) => refOf(id));
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
  return ctx.loaders.accountById.load(reference.id);
}
