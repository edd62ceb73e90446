import { PaymentsInitial1764000000000 } from './1764000000000-PaymentsInitial';
import { PaymentLifecycle1764100000000 } from './1764100000000-PaymentLifecycle';
import { PaymentTotals1764200000000 } from './1764200000000-PaymentTotals';

/** In the order they apply. */
export const paymentsMigrations = [PaymentsInitial1764000000000, PaymentLifecycle1764100000000, PaymentTotals1764200000000];
