import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../shared/pagination';
import { IntegrationStatus } from './entities/integration';
import { OrganisationType } from './entities/organisation';

@ArgsType()
export class IntegrationsArgs extends PageArgs {
  @Field(() => IntegrationStatus, { nullable: true, description: 'Only integrations in this status.' })
  status?: IntegrationStatus | null;
}

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationType, { nullable: true, description: 'Only organisations of this type.' })
  type?: OrganisationType | null;
}

@InputType({ description: "A change to an organisation's public details." })
export class UpdateOrganisationInput {
  @Field(() => ID, { description: 'The organisation to change (a UUID): your own, unless you are a platform administrator.' })
  organisationId!: string;

  @Field(() => String, { nullable: true, description: 'Its public website: an absolute https URL of at most 255 characters; null removes it.' })
  website?: string | null;
}
