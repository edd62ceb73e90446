import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AttributeKind } from './verified-attribute';

@ObjectType({
  description: "A citizen's choice to share named attributes with a named organisation for a named purpose (UK GDPR consent record).",
})
@Entity({ name: 'consent' })
export class Consent {
  @Field(() => ID, { description: "This consent's id (a UUID): pass it to `withdrawConsent`." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => [AttributeKind], { description: 'The attributes shared; no others are.' })
  @Column({ type: 'text', array: true })
  attributes!: AttributeKind[];

  @Field(() => String, { description: 'Why, in the words shown to the citizen.' })
  @Column({ type: 'text' })
  purpose!: string;

  @Field(() => String, { description: 'How consent was given, e.g. "ONLINE_FORM".' })
  @Column({ type: 'text' })
  method!: string;

  @Field(() => Date, { description: 'When the citizen gave it (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'given_at' })
  givenAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn; sharing stops at that moment.' })
  @Column({ type: 'timestamptz', precision: 3, name: 'withdrawn_at', nullable: true })
  withdrawnAt!: Date | null;
}
