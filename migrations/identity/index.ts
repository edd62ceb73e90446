import { IdentityInitial1764000000000 } from './1764000000000-IdentityInitial';

/** In the order they apply. */
export const identityMigrations = [IdentityInitial1764000000000];
