import pino, { type Logger } from 'pino';
import { prettyDestination } from './pretty-logs';

/**
 * Paths that may hold credentials or personal data. Operation variables are
 * never logged whole: they carry names, dates of birth and addresses.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  '*.token',
  'password',
  '*.password',
  'variables',
  '*.variables',
  'databaseUrl',
  '*.databaseUrl',
];

/** `json`: one object a line, for collectors. `pretty`: one readable line each, for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

export function createLogger(options: { level: string; name?: string; destination?: pino.DestinationStream; format?: LogFormat }): Logger {
  return pino(
    {
      level: options.level,
      name: options.name,
      base: { service: options.name },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.format === 'pretty' ? prettyDestination(options.destination) : options.destination,
  );
}
