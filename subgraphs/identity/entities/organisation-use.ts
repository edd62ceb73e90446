import { Column, Entity, PrimaryColumn } from 'typeorm';

/** That an account has signed in to a service of an organisation. */
@Entity({ name: 'organisation_use' })
export class OrganisationUse {
  @PrimaryColumn({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'timestamptz', precision: 3, name: 'first_used_at' })
  firstUsedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, name: 'last_used_at' })
  lastUsedAt!: Date;
}
