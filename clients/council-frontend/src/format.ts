/** "4750" pence → "£47.50", exactly: money stays a string of digits, never a float. */
export function formatPence(pence: string): string {
  const digits = pence.replace(/^0+(?=\d)/, '').padStart(3, '0');
  const pounds = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `£${pounds}.${digits.slice(-2)}`;
}

/** An ISO 8601 instant as a UK date and time. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });
}

const STATUS_LABELS: Record<string, string> = {
  CREATED: 'Created',
  STARTED: 'In progress',
  SUBMITTED: 'Submitted',
  CAPTURABLE: 'Authorised',
  SUCCESS: 'Paid',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  ERROR: 'Error',
};

export function paymentStatusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}
