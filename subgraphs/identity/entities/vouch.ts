import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AssuranceLevel } from './account';

@ObjectType({ description: "A trusted person's word for someone who cannot prove their identity with documents (GPG45 vouching)." })
@Entity({ name: 'vouch' })
export class Vouch {
  @Field(() => ID, { description: "This vouch's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @Field(() => String, { description: 'The full name of the person who vouched.' })
  @Column({ type: 'text', name: 'voucher_name' })
  voucherName!: string;

  @Field(() => String, { description: 'How the voucher knows them, e.g. "GP", "teacher", "social worker".' })
  @Column({ type: 'text' })
  relationship!: string;

  @Field(() => Int, { description: 'How many whole years the voucher has known the person (2 to 100).' })
  @Column({ type: 'integer', name: 'known_for_years' })
  knownForYears!: number;

  @Column({ type: 'text', name: 'recorded_by' })
  recordedBy!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => AssuranceLevel, { description: "The account's assurance level before this vouch." })
  @Column({ type: 'text', name: 'level_before' })
  levelBefore!: AssuranceLevel;

  @Field(() => AssuranceLevel, { description: "The account's assurance level after this vouch was counted." })
  @Column({ type: 'text', name: 'level_after' })
  levelAfter!: AssuranceLevel;

  @Field(() => Date, { description: 'When the vouch was recorded (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'recorded_at' })
  recordedAt!: Date;
}
