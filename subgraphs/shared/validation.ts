import { isUuid } from '../../platform/ids';
import { badUserInput } from './errors';

export { isUuid };

/** Rejects a malformed id before it reaches Postgres (which would raise a driver error). */
export function requireUuid(value: string, argument: string): string {
  if (!isUuid(value)) throw badUserInput(`\`${argument}\` must be a UUID.`, argument);
  return value.toLowerCase();
}

/** Trimmed text of 1 to `max` characters, or BAD_USER_INPUT naming the argument. */
export function requireText(value: string, argument: string, max = 255): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) throw badUserInput(`\`${argument}\` must be 1 to ${max} characters.`, argument);
  return text;
}
