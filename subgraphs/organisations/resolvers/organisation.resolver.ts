import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireActsFor } from '../../shared/auth';
import { PublicCache } from '../../shared/federation';
import { Integration } from '../entities/integration';
import { Organisation } from '../entities/organisation';
import { Service } from '../entities/service';
import type { OrganisationsContext } from '../loaders';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @PublicCache(300)
  @FieldResolver(() => [Service], { description: 'The services it offers, by name.' })
  services(@Root() organisation: Organisation, @Ctx() ctx: OrganisationsContext): Promise<Service[]> {
    return ctx.loaders.servicesOfOrganisation.load(organisation.id);
  }

  @FieldResolver(() => [Integration], {
    nullable: true,
    description: "Its services that use the shared myaccount sign-in, oldest first. For platform administrators and the organisation's own staff.",
  })
  integrations(@Root() organisation: Organisation, @Ctx() ctx: OrganisationsContext): Promise<Integration[]> {
    if (ctx.viewer.role !== 'admin') requireActsFor(ctx.viewer, organisation.id);
    return ctx.loaders.integrationsOfOrganisation.load(organisation.id);
  }
}

export function resolveOrganisationReference(reference: Pick<Organisation, 'id'>, ctx: OrganisationsContext) {
  return ctx.loaders.organisationById.load(reference.id);
}
