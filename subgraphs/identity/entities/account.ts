import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '../../shared/pagination';

export enum AssuranceLevel {
  NONE = 'NONE',
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(AssuranceLevel, {
  name: 'AssuranceLevel',
  description: 'The GPG45 level of confidence that a person is who they say they are.',
  valuesConfig: {
    NONE: { description: 'Not verified: an email address and password only.' },
    LOW: { description: 'GPG45 low confidence.' },
    MEDIUM: { description: 'GPG45 medium confidence: enough for most public services.' },
    HIGH: { description: 'GPG45 high confidence.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A ScotAccount / myaccount sign-in: one person, whatever services they use.' })
@Entity({ name: 'account' })
export class Account {
  @Field(() => ID, { description: 'The OpenID Connect subject identifier (a UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Field(() => AssuranceLevel, {
    description: 'How confident the graph is that this person is who they say (GPG45). Services that need proof of identity should require MEDIUM or above.',
  })
  @Column({ type: 'text', name: 'assurance_level' })
  assuranceLevel!: AssuranceLevel;

  @Field(() => Date, { description: 'When the account was created (ISO 8601, UTC).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the person last signed in (ISO 8601, UTC); null if they never have since the account was created.' })
  @Column({ type: 'timestamptz', precision: 3, name: 'last_signed_in_at', nullable: true })
  lastSignedInAt!: Date | null;
}

@ObjectType({ description: 'A page of accounts, newest first.' })
export class AccountConnection extends Connection(Account) {}
