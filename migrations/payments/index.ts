import { PaymentsInitial1764000000000 } from './1764000000000-PaymentsInitial';

/** In the order they apply. */
export const paymentsMigrations = [PaymentsInitial1764000000000];
