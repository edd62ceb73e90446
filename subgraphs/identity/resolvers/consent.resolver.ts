import { FieldResolver, Resolver, Root } from 'type-graphql';
import { type EntityRef, refOf } from '../../shared/references';
import { Consent } from '../entities/consent';
import { OrganisationRef } from '../entities/organisation';

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
