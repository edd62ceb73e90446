import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';

/** Where a seed sends its SQL: a subgraph's transaction. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * Inserts `total` generated rows in chunks, one set-based statement each, and
 * logs a progress line per chunk so a long seed shows it is alive.
 */
export async function inChunks(
  log: Logger,
  label: string,
  total: number,
  insert: (from: number, to: number) => Promise<unknown>,
  chunk = 200_000,
): Promise<number> {
  const started = Date.now();
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    await insert(from, to);
    if (total > chunk) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      log.info({ progress: `${to.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')}`, seconds }, `seeding ${label}`);
    }
  }
  return total;
}
