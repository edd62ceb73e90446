import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Role } from '../../shared/auth';
import { updateVerifiedAttribute } from '../attributes';
import { grantConsent, withdrawConsent } from '../consents';
import { Consent } from '../entities/consent';
import { VerifiedAttribute } from '../entities/verified-attribute';
import { Vouch } from '../entities/vouch';
import { GrantConsentInput, RecordVouchInput, UpdateAttributeInput } from '../inputs';
import type { IdentityContext } from '../loaders';
import { recordVouch, validVouch } from '../vouches';
import { visibleAccount } from './account.resolver';

@Resolver()
export class MutationResolver {
  @Authorized<Role>('citizen')
  @Mutation(() => Consent, { description: 'The signed-in citizen shares named attributes with an organisation, for a purpose.' })
  grantConsent(
    @Arg('input', () => GrantConsentInput, { description: 'What to share, with whom and why.' }) input: GrantConsentInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<Consent> {
    return grantConsent(ctx.db, ctx.viewer, input);
  }

  @Authorized<Role>('citizen')
  @Mutation(() => Consent, { description: 'The citizen withdraws a consent; sharing stops with the next request.' })
  withdrawConsent(
    @Arg('id', () => ID, {
      description:
        'The consent to withdraw (`Consent.id`); it must be your own (FORBIDDEN otherwise, whether or not it exists). Withdrawing twice keeps the first withdrawal time.',
    })
    id: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<Consent> {
    return withdrawConsent(ctx.db, ctx.viewer, id);
  }

  @Authorized<Role>('citizen')
  @Mutation(() => VerifiedAttribute, {
    description: 'Tell us once: the citizen changes an attribute; it is marked as stated by them (source SELF, level LOW) until checked again.',
  })
  updateVerifiedAttribute(
    @Arg('input', () => UpdateAttributeInput, { description: 'The attribute and its new value.' }) input: UpdateAttributeInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<VerifiedAttribute> {
    return updateVerifiedAttribute(ctx.db, ctx.viewer, input);
  }

  @Authorized<Role>('staff')
  @Mutation(() => Vouch, {
    description: "Staff record a vouch for someone who used their services; it lifts the account's assurance level by one, up to MEDIUM.",
  })
  async recordVouch(
    @Arg('input', () => RecordVouchInput, { description: 'Who vouches for whom, and how they know them.' }) input: RecordVouchInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<Vouch> {
    const vouch = validVouch(input);
    await visibleAccount(ctx, vouch.accountId);
    return recordVouch(ctx.db, ctx.viewer, vouch);
  }
}
