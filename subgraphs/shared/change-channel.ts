import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { type ChangeStreamOptions, changesOn } from './change-stream';
import { loaderById } from './loaders';
import { type ChangeFeed, notify } from './notifications';

/** One LISTEN/NOTIFY channel of committed changes to one kind of row, for subscriptions. */
export interface ChangeChannel<TChange extends object, TRow> {
  name: string;
  /** Called inside the write's transaction: delivered on commit, never for a rolled-back change. */
  announce(tx: EntityManager, change: TChange): Promise<void>;
  /**
   * The row as the change left it (committed: read after the NOTIFY arrived). A change is one object however many
   * subscribers a process has, so the row is read once per change per process, not once per subscriber.
   */
  read(db: DataSource, change: TChange): Promise<TRow | null>;
  /** A subscriber's changes on this channel (./change-stream). */
  listen(feed: ChangeFeed, options: ChangeStreamOptions<TChange>): Promise<AsyncIterableIterator<TChange>>;
}

/** A channel named `<subgraph>_<concept>`, whose changes name their row by `idOf`. */
export function changeChannel<TChange extends object, TRow extends ObjectLiteral & { id: string }>(
  name: string,
  entity: EntityTarget<TRow>,
  idOf: (change: TChange) => string,
): ChangeChannel<TChange, TRow> {
  const readOnce = new WeakMap<TChange, Promise<TRow | null>>();
  return {
    name,
    announce: (tx, change) => notify(tx, name, change),
    read(db, change) {
      let row = readOnce.get(change);
      if (!row) {
        row = loaderById(db, entity).load(idOf(change));
        readOnce.set(change, row);
      }
      return row;
    },
    listen: (feed, options) => changesOn<TChange>(feed, name, options),
  };
}
