import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Role } from '../../shared/auth';
import { requireActsFor } from '../../shared/auth';
import { notFound } from '../../shared/errors';
import { Organisation } from '../entities/organisation';
import { UpdateOrganisationInput } from '../inputs';
import type { OrganisationsContext } from '../loaders';
import { updateOrganisationWebsite, validOrganisationUpdate } from '../organisations';

@Resolver()
export class MutationResolver {
  @Authorized<Role>('admin', 'staff')
  @Mutation(() => Organisation, {
    description: "Changes an organisation's public details: its own staff, or a platform administrator. Gateways drop their cached copy at once.",
  })
  async updateOrganisation(
    @Arg('input', () => UpdateOrganisationInput, { description: 'The organisation and its new details.' }) input: UpdateOrganisationInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation> {
    const change = validOrganisationUpdate(input);
    if (ctx.viewer.role !== 'admin') requireActsFor(ctx.viewer, change.organisationId);
    const organisation = await updateOrganisationWebsite(ctx.db, change.organisationId, change.website);
    if (!organisation) throw notFound('Organisation');
    return organisation;
  }
}
