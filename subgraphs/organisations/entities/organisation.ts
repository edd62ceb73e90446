import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PublicCache } from '../../shared/federation';
import { Connection } from '../../shared/pagination';

export enum OrganisationType {
  LOCAL_AUTHORITY = 'LOCAL_AUTHORITY',
  EXECUTIVE_AGENCY = 'EXECUTIVE_AGENCY',
  NDPB = 'NDPB',
  NON_MINISTERIAL_OFFICE = 'NON_MINISTERIAL_OFFICE',
  HEALTH_BOARD = 'HEALTH_BOARD',
  OTHER_PUBLIC_BODY = 'OTHER_PUBLIC_BODY',
}
registerEnumType(OrganisationType, {
  name: 'OrganisationType',
  description: 'The kind of public body, as classed by the Scottish Government.',
  valuesConfig: {
    LOCAL_AUTHORITY: { description: 'One of the 32 Scottish councils.' },
    EXECUTIVE_AGENCY: { description: 'An executive agency of the Scottish Government, e.g. Disclosure Scotland.' },
    NDPB: { description: 'A non-departmental public body, e.g. Skills Development Scotland.' },
    NON_MINISTERIAL_OFFICE: { description: 'A non-ministerial office, e.g. COPFS.' },
    HEALTH_BOARD: { description: 'An NHS Scotland health board.' },
    OTHER_PUBLIC_BODY: { description: 'Any other public body that uses the common platforms.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A public body that uses the common platforms: a council, an agency, a health board.' })
@Entity({ name: 'organisation' })
export class Organisation {
  @PublicCache(300)
  @Field(() => ID, { description: "The organisation's id (a UUID). To find a council by its GSS code use `organisationByGssCode`." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'The official name, e.g. "City of Edinburgh".' })
  @Column({ type: 'text' })
  name!: string;

  @PublicCache(300)
  @Field(() => OrganisationType, { description: 'The kind of public body.' })
  @Column({ type: 'text' })
  type!: OrganisationType;

  @PublicCache(300)
  @Field(() => String, {
    nullable: true,
    description: 'The ONS GSS code of a council area (e.g. S12000036); null for bodies that are not areas.',
  })
  @Column({ type: 'text', name: 'gss_code', nullable: true })
  gssCode!: string | null;

  @PublicCache(300)
  @Field(() => String, { nullable: true, description: 'The public website.' })
  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @PublicCache(300)
  @Field(() => Date, { description: 'When the organisation joined the common platforms.' })
  @Column({ type: 'timestamptz', precision: 3, name: 'joined_at' })
  joinedAt!: Date;
}

@ObjectType({ description: 'A page of organisations, ordered by name.' })
export class OrganisationConnection extends Connection(Organisation, { counted: true }) {}
