import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Integration } from '../entities/integration';
import { Organisation } from '../entities/organisation';
import type { OrganisationsContext } from '../loaders';

@Resolver(() => Integration)
export class IntegrationResolver {
  @FieldResolver(() => Organisation, { description: 'The organisation that runs it.' })
  async organisation(@Root() integration: Integration, @Ctx() ctx: OrganisationsContext): Promise<Organisation> {
    return (await ctx.loaders.organisationById.load(integration.organisationId))!;
  }
}
