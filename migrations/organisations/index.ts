import { OrganisationsInitial1764000000000 } from './1764000000000-OrganisationsInitial';

/** In the order they apply. */
export const organisationsMigrations = [OrganisationsInitial1764000000000];
