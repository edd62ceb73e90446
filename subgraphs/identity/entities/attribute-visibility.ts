import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { AttributeKind } from './verified-attribute';

export enum AttributeVisibilityReason {
  OWN_ACCOUNT = 'OWN_ACCOUNT',
  CONSENTED = 'CONSENTED',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  NO_CONSENT = 'NO_CONSENT',
}
registerEnumType(AttributeVisibilityReason, {
  name: 'AttributeVisibilityReason',
  description: 'Why a viewer sees the verified attributes they see, so an empty list can be explained.',
  valuesConfig: {
    OWN_ACCOUNT: { description: 'It is your own account: you see every attribute you hold.' },
    CONSENTED: { description: 'The citizen has an active consent to your organisation: you see the kinds it names, no others.' },
    CONSENT_WITHDRAWN: { description: 'The citizen withdrew every consent they gave your organisation: you see none (show "no longer shared").' },
    NO_CONSENT: { description: 'The citizen has never consented to share attributes with your organisation: you see none (ask them to consent).' },
  },
});

@ObjectType({
  description:
    'Which of an account\'s verified attributes you may see, and why: tells "not shared with you" apart from "shared, but not held" when `verifiedAttributes` is empty. Reading it is not an access to the attributes and is not recorded.',
})
export class AttributeVisibility {
  @Field(() => AttributeVisibilityReason, { description: 'Why you see what you see.' })
  reason!: AttributeVisibilityReason;

  @Field(() => [AttributeKind], {
    description:
      'The kinds you may see, in enum order: every kind for the citizen; for staff, those named in active consents to their organisation (empty without one). A kind listed here but missing from `verifiedAttributes` is one the citizen does not hold.',
  })
  kinds!: AttributeKind[];
}
