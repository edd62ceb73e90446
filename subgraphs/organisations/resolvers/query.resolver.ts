import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Role } from '../../shared/auth';
import { badUserInput } from '../../shared/errors';
import { PublicCache } from '../../shared/federation';
import { type KeysetOrder, countRows, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { withTotalCount } from '../../shared/pagination';
import { requireUuid } from '../../shared/validation';
import { Integration, IntegrationConnection } from '../entities/integration';
import { Organisation, OrganisationConnection } from '../entities/organisation';
import { IntegrationsArgs, OrganisationsArgs } from '../inputs';
import type { OrganisationsContext } from '../loaders';
import { organisationByGssCode } from '../organisations';

const NEWEST_FIRST: KeysetOrder<Integration> = { by: 'launchedAt', direction: 'DESC' };
const BY_NAME: KeysetOrder<Organisation> = { by: 'name', direction: 'ASC' };
const GSS_CODE = /^S[0-9]{8}$/;

@Resolver()
export class QueryResolver {
  @Authorized<Role>('admin', 'staff', 'partner')
  @Query(() => IntegrationConnection, {
    description: "myaccount integrations, newest first: all of them for platform administrators, their own organisation's for staff.",
  })
  async integrations(@Args(() => IntegrationsArgs) args: IntegrationsArgs, @Ctx() ctx: OrganisationsContext): Promise<IntegrationConnection> {
    const query = keysetQuery(args, NEWEST_FIRST, {
      status: args.status,
      ...(ctx.viewer.role === 'admin' ? {} : { organisationId: ctx.viewer.organisationId }),
    });
    return withTotalCount(pageOf(await loadPage(ctx.db, Integration, query), query), () => countRows(ctx.db, Integration, query.equals));
  }

  @PublicCache(300)
  @Query(() => Organisation, { nullable: true, description: 'An organisation by id; null when there is none.' })
  organisation(
    @Arg('id', () => ID, { description: 'The organisation id (a UUID; BAD_USER_INPUT otherwise).' }) id: string,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation | null> {
    return ctx.loaders.organisationById.load(requireUuid(id, 'id'));
  }

  @PublicCache(300)
  @Query(() => Organisation, {
    nullable: true,
    description: 'A council by the GSS code of its area, e.g. "S12000036" for City of Edinburgh; null when there is none.',
  })
  async organisationByGssCode(
    @Arg('gssCode', () => String, { description: 'A GSS code: "S" and 8 digits, e.g. "S12000036" for the City of Edinburgh (BAD_USER_INPUT otherwise).' })
    gssCode: string,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation | null> {
    if (!GSS_CODE.test(gssCode)) throw badUserInput('`gssCode` must be a Scottish GSS code: "S" and eight digits.', 'gssCode');
    return organisationByGssCode(ctx.db, gssCode);
  }

  @PublicCache(300)
  @Query(() => OrganisationConnection, { description: 'Organisations in name order, a page at a time.' })
  async organisations(@Args(() => OrganisationsArgs) args: OrganisationsArgs, @Ctx() ctx: OrganisationsContext): Promise<OrganisationConnection> {
    const query = keysetQuery(args, BY_NAME, { type: args.type });
    return withTotalCount(pageOf(await loadPage(ctx.db, Organisation, query), query), () => countRows(ctx.db, Organisation, query.equals));
  }
}
