import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AssuranceLevel } from './account';

export enum AttributeKind {
  GIVEN_NAME = 'GIVEN_NAME',
  FAMILY_NAME = 'FAMILY_NAME',
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  ADDRESS = 'ADDRESS',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
}
registerEnumType(AttributeKind, {
  name: 'AttributeKind',
  valuesConfig: {
    GIVEN_NAME: { description: 'First name(s), as on the document checked.' },
    FAMILY_NAME: { description: 'Surname, as on the document checked.' },
    DATE_OF_BIRTH: { description: 'Date of birth, ISO 8601 (YYYY-MM-DD).' },
    ADDRESS: { description: 'Postal address on one line; `uprn` names the property.' },
    EMAIL: { description: 'Email address, confirmed by a link sent to it.' },
    PHONE: { description: 'Phone number in E.164 form (+447700900123), confirmed by a code sent to it.' },
  },
  description: 'The verified attributes the Mysafe store can hold.',
});

@ObjectType({ description: 'A fact about a person that has been checked, held in their Mysafe store.' })
@Entity({ name: 'verified_attribute' })
export class VerifiedAttribute {
  @Field(() => ID, { description: "This attribute's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @Field(() => AttributeKind, { description: 'Which fact this is; a person holds at most one of each kind.' })
  @Column({ type: 'text' })
  kind!: AttributeKind;

  @Field(() => String, { description: 'The value: ISO 8601 for dates, E.164 for phone numbers.' })
  @Column({ type: 'text' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'For an ADDRESS: its Unique Property Reference Number.' })
  @Column({ type: 'text', nullable: true })
  uprn!: string | null;

  @Field(() => String, { description: 'Where it was verified, e.g. "PASSPORT", "DRIVING_LICENCE", "VOUCH".' })
  @Column({ type: 'text' })
  source!: string;

  @Field(() => AssuranceLevel, { description: 'The GPG45 level of the check.' })
  @Column({ type: 'text' })
  level!: AssuranceLevel;

  @Field(() => Date, { description: 'When it was last checked or changed (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'verified_at' })
  verifiedAt!: Date;
}
