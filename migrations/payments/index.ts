import { PaymentsInitial1764000000000 } from './1764000000000-PaymentsInitial';
import { PaymentLifecycle1764100000000 } from './1764100000000-PaymentLifecycle';

/** In the order they apply. */
export const paymentsMigrations = [PaymentsInitial1764000000000, PaymentLifecycle1764100000000];
