import { entityReference } from '../../shared/references';

export const OrganisationRef = entityReference('Organisation', {
  extendable: true,
  description: 'A public body; datasets adds the datasets it publishes.',
});
