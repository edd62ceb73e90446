import { writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';

/** Who wrote a line: the gateway, a subgraph, or else the process (the logger's name). */
const WRITER_KEYS = ['component', 'subgraph', 'name'] as const;

/** The fields of the one line each request is logged with (platform/http/observe.ts), which the pretty format folds into its message. */
const REQUEST_KEYS = ['method', 'path', 'status', 'durationMs', 'operationName', 'role', 'refused', 'completed'] as const;

type Entry = Record<string, unknown>;

/** `POST /graphql 200 57.1 ms Councils as staff`: what a person scanning a request line looks for, in the order they read it. */
function requestMessage(entry: Entry): string {
  const parts = [entry.method, entry.path, entry.status, `${Number(entry.durationMs).toFixed(1)} ms`];
  if (entry.operationName) parts.push(entry.operationName);
  if (entry.role) parts.push(`as ${String(entry.role)}`);
  if (entry.refused) parts.push(`refused ${String(entry.refused)}`);
  if (entry.completed === false) parts.push('(the client left before the answer)');
  return parts.join(' ');
}

/** A JSON log line reshaped for reading: the writer before the message, a request's fields folded into its message, nothing said twice. */
function readable(entry: Entry): Entry {
  const writer = WRITER_KEYS.map((key) => entry[key]).find((value) => typeof value === 'string');
  const shaped: Entry = { ...entry };
  for (const key of ['pid', 'hostname', 'service', ...WRITER_KEYS]) delete shaped[key];
  let message = String(entry.msg ?? '');
  if (entry.msg === 'request' && typeof entry.method === 'string') {
    message = requestMessage(entry);
    for (const key of REQUEST_KEYS) delete shaped[key];
  }
  shaped.msg = writer ? `${writer}: ${message}` : message;
  return shaped;
}

/**
 * The logger's JSON lines, already redacted, made readable for a person at a
 * terminal: time, level, who wrote it, the message, then the remaining
 * fields on the same line. Written synchronously, so a banner printed after
 * the logger is flushed comes after every line logged before it.
 */
export function prettyDestination(destination?: DestinationStream): DestinationStream {
  // Colour on a terminal only: a caller's destination (a file, a test's capture) gets plain text.
  const format = prettyFactory({ singleLine: true, translateTime: 'SYS:HH:MM:ss.l', colorize: !destination && isColorSupported });
  return {
    write(line: string) {
      const text = format(readable(JSON.parse(line) as Entry));
      if (destination) destination.write(text);
      else writeSync(1, text);
    },
    // Nothing is buffered here; a destination of the caller's may buffer.
    flush(done: (error?: Error) => void) {
      const inner = destination as { flush?: (cb: (error?: Error) => void) => void } | undefined;
      if (inner?.flush) inner.flush(done);
      else done();
    },
  } as DestinationStream;
}
