import { Field, ID, InputType, Int } from 'type-graphql';
import { AttributeKind } from './entities/verified-attribute';

@InputType({ description: 'Share named attributes with a named organisation for a named purpose.' })
export class GrantConsentInput {
  @Field(() => ID, { description: 'The organisation to share with (its id, a UUID).' })
  organisationId!: string;

  @Field(() => [AttributeKind], { description: 'The attributes to share; no others are.' })
  attributes!: AttributeKind[];

  @Field(() => String, { description: 'Why, in the words shown to the citizen, 1 to 500 characters.' })
  purpose!: string;
}

@InputType({ description: 'Tell us once: change a value in your Mysafe store; every organisation you share it with sees the new value.' })
export class UpdateAttributeInput {
  @Field(() => AttributeKind, { description: 'Which attribute to change; a person holds at most one of each kind.' })
  kind!: AttributeKind;

  @Field(() => String, { description: 'The new value: ISO 8601 for dates, E.164 for phone numbers; 1 to 500 characters.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'For an ADDRESS: its UPRN (1 to 12 digits).' })
  uprn?: string | null;
}

@InputType({ description: 'A trusted person vouches for someone who cannot prove their identity with documents.' })
export class RecordVouchInput {
  @Field(() => ID, { description: "The account of the person vouched for (a UUID); it must have used your organisation's services." })
  accountId!: string;

  @Field(() => String, { description: 'The full name of the person vouching, 1 to 140 characters.' })
  voucherName!: string;

  @Field(() => String, { description: 'How they know the person, e.g. "GP", "teacher".' })
  relationship!: string;

  @Field(() => Int, { description: 'How long they have known them: at least 2 years (GPG45).' })
  knownForYears!: number;
}
