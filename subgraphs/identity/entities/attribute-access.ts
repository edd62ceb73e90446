import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AttributeKind } from './verified-attribute';

@ObjectType({ description: "One read of a citizen's attributes by an organisation, under a consent: the citizen can see every one." })
@Entity({ name: 'attribute_access' })
export class AttributeAccess {
  @Field(() => ID, { description: "This read's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => String, { description: 'The member of staff or service that read them (their sign-in subject).' })
  @Column({ type: 'text', name: 'accessed_by' })
  accessedBy!: string;

  @Field(() => ID, { description: 'The consent that allowed it.' })
  @Column({ type: 'uuid', name: 'consent_id' })
  consentId!: string;

  @Field(() => [AttributeKind], { description: 'Which attributes were read.' })
  @Column({ type: 'text', array: true })
  attributes!: AttributeKind[];

  @Field(() => Date, { description: 'When they were read (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'accessed_at' })
  accessedAt!: Date;
}
