import { entityReference } from '../../shared/references';

export const OrganisationRef = entityReference('Organisation', {
  extendable: true,
  description: 'A public body; payments adds its payments.',
});

export const AccountRef = entityReference('Account', {
  extendable: true,
  description: 'A ScotAccount / myaccount sign-in; payments adds its payments.',
});
