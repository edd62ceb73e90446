import pino from 'pino';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { changesOn } from './change-stream';
import { type ChangeFeed, listenForChanges, notify } from './notifications';

const log = pino({ level: 'silent' });

interface Change {
  id: number;
  owner: string;
}

describe("a subscriber's changes on a channel", () => {
  let database: TestDatabase;
  let db: DataSource;
  let feed: ChangeFeed;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource({ type: 'postgres', url: database.urls.payments });
    await db.initialize();
    feed = listenForChanges({ url: database.urls.payments, log, retryMs: 50 });
  });

  afterAll(async () => {
    await feed.close();
    await db.destroy();
    await database.stop();
  });

  const mine = (afterGap: () => Change | null = () => null) =>
    changesOn<Change>(feed, 'payments_stream_test', { accept: (change) => change.owner === 'mine', afterGap });

  it('is listening once it resolves: delivers the accepted changes committed after, in order, and nothing else', async () => {
    const changes = await mine();
    await db.transaction(async (tx) => {
      await notify(tx, 'payments_stream_test', { id: 1, owner: 'mine' });
      await notify(tx, 'payments_stream_test', { id: 2, owner: 'theirs' });
      await notify(tx, 'payments_stream_test', { id: 3, owner: 'mine' });
    });
    await db
      .transaction(async (tx) => {
        await notify(tx, 'payments_stream_test', { id: 4, owner: 'mine' });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await notify(db, 'payments_stream_test', { id: 5, owner: 'mine' });
    const seen = [];
    for (let i = 0; i < 3; i += 1) seen.push((await changes.next()).value.id);
    expect(seen).toEqual([1, 3, 5]);
    await changes.return!();
  });

  it('ends at once when the subscriber goes, even while it waits on a quiet channel', async () => {
    const changes = await mine();
    const waiting = changes.next();
    await changes.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('ends a subscriber more than 1,000 changes behind with SUBSCRIPTION_CLOSED, after what it was sent', async () => {
    const changes = await mine();
    // Read only once all 1,001 have arrived: the queue is full and the error waits behind it.
    const arrived = new Promise<void>((resolve) => {
      let count = 0;
      const off = feed.on('payments_stream_test', () => {
        if (++count === 1_001) {
          off();
          resolve();
        }
      });
    });
    await db.transaction(async (tx) => {
      for (let id = 1; id <= 1_001; id += 1) await notify(tx, 'payments_stream_test', { id, owner: 'mine' });
    });
    await arrived;
    let read = 0;
    await expect(
      (async () => {
        for (;;) {
          const next = await changes.next();
          if (next.done) return read;
          read += 1;
        }
      })(),
    ).rejects.toMatchObject({ extensions: { code: 'SUBSCRIPTION_CLOSED', reconnect: true } });
    expect(read).toBe(1_000);
  });

  it('after a gap in listening, delivers what afterGap gives, or ends with SUBSCRIPTION_CLOSED when it gives nothing', async () => {
    const resent = await mine(() => ({ id: 0, owner: 'mine' }));
    const ended = await mine();
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cpg-changes' AND datname = current_database()`);
    expect((await resent.next()).value).toEqual({ id: 0, owner: 'mine' });
    await expect(ended.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIPTION_CLOSED', reconnect: true } });
    await resent.return!();
  });
});
