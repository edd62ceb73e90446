import { entityReference } from '../../shared/references';

export const OrganisationRef = entityReference('Organisation', {
  extendable: true,
  description: 'A public body; learning adds its learners.',
});

export const AccountRef = entityReference('Account', {
  extendable: true,
  description: 'A ScotAccount / myaccount sign-in; learning adds its learning records.',
});
