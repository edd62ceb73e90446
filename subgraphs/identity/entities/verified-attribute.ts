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
registerEnumType(AttributeKind, { name: 'AttributeKind', description: 'The verified attributes the Mysafe store can hold.' });

@ObjectType({ description: 'A fact about a person that has been checked, held in their Mysafe store.' })
@Entity({ name: 'verified_attribute' })
export class VerifiedAttribute {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @Field(() => AttributeKind)
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

  @Field(() => Date)
  @Column({ type: 'timestamptz', precision: 3, name: 'verified_at' })
  verifiedAt!: Date;
}
