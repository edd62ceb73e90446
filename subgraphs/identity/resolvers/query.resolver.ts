import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Role } from '../../shared/auth';
import { type KeysetOrder, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { PageArgs } from '../../shared/pagination';
import { requireUuid } from '../../shared/validation';
import { accountsThatUsedOrganisation } from '../accounts';
import { Account, AccountConnection } from '../entities/account';
import type { IdentityContext } from '../loaders';
import { visibleAccount } from './account.resolver';

const NEWEST_FIRST: KeysetOrder<Account> = { by: 'createdAt', direction: 'DESC' };

@Resolver()
export class QueryResolver {
  @Query(() => Account, {
    nullable: true,
    description:
      'An account by its subject id: your own, or for staff one that used or consented to your organisation. FORBIDDEN otherwise, whether or not it exists.',
  })
  account(
    @Arg('id', () => ID, { description: 'The account id (a UUID; BAD_USER_INPUT otherwise).' }) id: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<Account> {
    return visibleAccount(ctx, requireUuid(id, 'id'));
  }

  @Authorized<Role>('citizen')
  @Query(() => Account, { description: "The signed-in citizen's own account." })
  me(@Ctx() ctx: IdentityContext): Promise<Account> {
    return visibleAccount(ctx, ctx.viewer.subject!);
  }

  @Authorized<Role>('citizen', 'staff', 'partner')
  @Query(() => AccountConnection, {
    description: "Accounts newest first: for staff, those that have used their organisation's services; for a citizen, their own.",
  })
  async accounts(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: IdentityContext): Promise<AccountConnection> {
    const citizen = ctx.viewer.role === 'citizen';
    const query = keysetQuery(args, NEWEST_FIRST, citizen ? { id: ctx.viewer.subject } : undefined);
    if (citizen) return pageOf(await loadPage(ctx.db, Account, query), query);
    return pageOf(await accountsThatUsedOrganisation(ctx.db, ctx.viewer.organisationId, query), query);
  }
}
