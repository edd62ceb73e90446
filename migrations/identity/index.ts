import { IdentityInitial1764000000000 } from './1764000000000-IdentityInitial';
import { ConsentAccessAndVouching1764200000000 } from './1764200000000-ConsentAccessAndVouching';

/** In the order they apply. */
export const identityMigrations = [IdentityInitial1764000000000, ConsentAccessAndVouching1764200000000];
