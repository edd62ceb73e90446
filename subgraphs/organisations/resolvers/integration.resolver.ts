import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Role } from '../../shared/auth';
import { type KeysetOrder, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { Connection, PageArgs } from '../../shared/pagination';
import { Integration, IntegrationStatus } from '../entities/integration';
import { Organisation } from '../entities/organisation';
import type { OrganisationsContext } from '../loaders';

@ObjectType({ description: 'A page of myaccount integrations, newest first.' })
export class IntegrationConnection extends Connection(Integration) {}

@ArgsType()
class IntegrationsArgs extends PageArgs {
  @Field(() => IntegrationStatus, { nullable: true, description: 'Only integrations in this status.' })
  status?: IntegrationStatus | null;
}

const NEWEST_FIRST: KeysetOrder<Integration> = { by: 'launchedAt', direction: 'DESC' };

@Resolver(() => Integration)
export class IntegrationResolver {
  @Authorized<Role>('admin', 'staff', 'partner')
  @Query(() => IntegrationConnection, {
    description: 'myaccount integrations, newest first: all of them for platform administrators, their own organisation\'s for staff.',
  })
  async integrations(@Args(() => IntegrationsArgs) args: IntegrationsArgs, @Ctx() ctx: OrganisationsContext): Promise<IntegrationConnection> {
    const query = keysetQuery(args, NEWEST_FIRST, { status: args.status, ...(ctx.viewer.role === 'admin' ? {} : { organisationId: ctx.viewer.organisationId }) });
    return pageOf(await loadPage(ctx.db, Integration, query), query);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that runs it.' })
  async organisation(@Root() integration: Integration, @Ctx() ctx: OrganisationsContext): Promise<Organisation> {
    return (await ctx.loaders.organisationById.load(integration.organisationId))!;
  }
}
