import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum AccountType {
  PERSONAL = 'PERSONAL',
  BUSINESS = 'BUSINESS',
}
registerEnumType(AccountType, {
  name: 'AccountType',
  valuesConfig: { PERSONAL: { description: 'A personal (retail) account.' }, BUSINESS: { description: 'A business account.' } },
  description: 'The kind of bank account.',
});

export enum PayeeCheckOutcome {
  MATCH = 'MATCH',
  CLOSE_MATCH = 'CLOSE_MATCH',
  NO_MATCH = 'NO_MATCH',
  UNAVAILABLE = 'UNAVAILABLE',
  ACCOUNT_TYPE_MISMATCH = 'ACCOUNT_TYPE_MISMATCH',
}
registerEnumType(PayeeCheckOutcome, {
  name: 'PayeeCheckOutcome',
  description: 'What Confirmation of Payee found.',
  valuesConfig: {
    MATCH: { description: 'The name matches the account holder.' },
    CLOSE_MATCH: { description: 'Nearly: `matchedName` is the name actually held; show it before paying.' },
    NO_MATCH: { description: 'The name does not match, or no such account: paying needs a recorded override.' },
    UNAVAILABLE: { description: "The payee's bank does not answer Confirmation of Payee." },
    ACCOUNT_TYPE_MISMATCH: { description: 'The name matches but the account is of the other type (personal/business).' },
  },
});

@ObjectType({ description: 'One Confirmation of Payee check, kept as evidence for the payment that follows.' })
@Entity({ name: 'payee_check' })
export class PayeeCheck {
  @Field(() => ID, { description: "This check's id (a UUID): pass it as `payeeCheckId` when creating the OUTBOUND payment." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => String, { description: 'The name the payer gave.' })
  @Column({ type: 'text', name: 'name_given' })
  nameGiven!: string;

  @Field(() => AccountType, { description: 'The account type the payer gave.' })
  @Column({ type: 'text', name: 'account_type' })
  accountType!: AccountType;

  @Field(() => String, { description: 'The sort code checked, six digits without separators.' })
  @Column({ type: 'text', name: 'sort_code' })
  sortCode!: string;

  @Field(() => String, { description: 'The account number, all but the last four digits masked.' })
  @Column({ type: 'text', name: 'account_number' })
  accountNumber!: string;

  @Field(() => PayeeCheckOutcome, { description: 'What the check found; decides whether the payment may go ahead without an override.' })
  @Column({ type: 'text' })
  outcome!: PayeeCheckOutcome;

  @Field(() => String, { nullable: true, description: 'For CLOSE_MATCH and ACCOUNT_TYPE_MISMATCH: the name the bank holds.' })
  @Column({ type: 'text', name: 'matched_name', nullable: true })
  matchedName!: string | null;

  @Field(() => Date, { description: 'When the check was made (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'checked_at' })
  checkedAt!: Date;
}

@Entity({ name: 'payee' })
export class Payee {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'account_type' })
  accountType!: AccountType;

  @Column({ type: 'text', name: 'sort_code' })
  sortCode!: string;

  @Column({ type: 'text', name: 'account_number' })
  accountNumber!: string;
}
