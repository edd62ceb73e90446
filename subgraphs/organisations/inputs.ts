import { ArgsType, Field } from 'type-graphql';
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
