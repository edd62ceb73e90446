import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireActsFor } from '../../shared/auth';
import { badUserInput } from '../../shared/errors';
import { requireUuid } from '../../shared/validation';
import { type KeysetOrder, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { Connection, PageArgs } from '../../shared/pagination';
import { Integration } from '../entities/integration';
import { Organisation, OrganisationType } from '../entities/organisation';
import { Service } from '../entities/service';
import type { OrganisationsContext } from '../loaders';

@ObjectType({ description: 'A page of organisations, ordered by name.' })
export class OrganisationConnection extends Connection(Organisation) {}

@ArgsType()
class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationType, { nullable: true, description: 'Only organisations of this type.' })
  type?: OrganisationType | null;
}

const BY_NAME: KeysetOrder<Organisation> = { by: 'name', direction: 'ASC' };
const GSS_CODE = /^S[0-9]{8}$/;

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'An organisation by id; null when there is none.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> {
    return ctx.loaders.organisationById.load(requireUuid(id, 'id'));
  }

  @Query(() => Organisation, {
    nullable: true,
    description: 'A council by the GSS code of its area, e.g. "S12000036" for City of Edinburgh; null when there is none.',
  })
  async organisationByGssCode(@Arg('gssCode', () => String) gssCode: string, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> {
    if (!GSS_CODE.test(gssCode)) throw badUserInput('`gssCode` must be a Scottish GSS code: "S" and eight digits.', 'gssCode');
    return ctx.db.getRepository(Organisation).findOneBy({ gssCode });
  }

  @Query(() => OrganisationConnection, { description: 'Organisations in name order, a page at a time.' })
  async organisations(@Args(() => OrganisationsArgs) args: OrganisationsArgs, @Ctx() ctx: OrganisationsContext): Promise<OrganisationConnection> {
    const query = keysetQuery(args, BY_NAME, { type: args.type });
    return pageOf(await loadPage(ctx.db, Organisation, query), query);
  }

  @FieldResolver(() => [Service], { description: 'The services it offers, by name.' })
  services(@Root() organisation: Organisation, @Ctx() ctx: OrganisationsContext): Promise<Service[]> {
    return ctx.loaders.servicesOfOrganisation.load(organisation.id);
  }

  @FieldResolver(() => [Integration], {
    nullable: true,
    description: 'Its services that use the shared myaccount sign-in, oldest first. For platform administrators and the organisation\'s own staff.',
  })
  integrations(@Root() organisation: Organisation, @Ctx() ctx: OrganisationsContext): Promise<Integration[]> {
    if (ctx.viewer.role !== 'admin') requireActsFor(ctx.viewer, organisation.id);
    return ctx.loaders.integrationsOfOrganisation.load(organisation.id);
  }
}

export function resolveOrganisationReference(reference: Pick<Organisation, 'id'>, ctx: OrganisationsContext) {
  return ctx.loaders.organisationById.load(reference.id);
}
