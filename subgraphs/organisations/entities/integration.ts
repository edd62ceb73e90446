import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '../../shared/pagination';

export enum IntegrationStatus {
  LIVE = 'LIVE',
  PILOT = 'PILOT',
  RETIRED = 'RETIRED',
}
registerEnumType(IntegrationStatus, {
  name: 'IntegrationStatus',
  valuesConfig: {
    LIVE: { description: 'In service: citizens sign in to it with myaccount.' },
    PILOT: { description: 'Open to a limited group while it is tried out.' },
    RETIRED: { description: 'No longer signs anyone in; kept for the record.' },
  },
  description: 'Where an integration is in its life.',
});

@ObjectType({
  description: 'A service of an organisation that signs its users in with the shared myaccount / ScotAccount identity, e.g. parentsportal.scot.',
})
@Entity({ name: 'integration' })
export class Integration {
  @Field(() => ID, { description: "The integration's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => String, { description: 'The name users know it by, e.g. "Parents Portal".' })
  @Column({ type: 'text', name: 'service_name' })
  serviceName!: string;

  @Field(() => String, { description: 'The service\'s domain, e.g. "parentsportal.scot".' })
  @Column({ type: 'text' })
  domain!: string;

  @Field(() => IntegrationStatus, { description: 'Where it is in its life: LIVE, PILOT or RETIRED.' })
  @Column({ type: 'text' })
  status!: IntegrationStatus;

  @Field(() => Date, { description: 'When it went live (or into pilot).' })
  @Column({ type: 'timestamptz', precision: 3, name: 'launched_at' })
  launchedAt!: Date;
}

@ObjectType({ description: 'A page of myaccount integrations, newest first.' })
export class IntegrationConnection extends Connection(Integration, { counted: true }) {}
