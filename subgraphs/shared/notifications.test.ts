import pino from 'pino';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { type ChangeFeed, listenForChanges, notify } from './notifications';

const log = pino({ level: 'silent' });

describe('the change feed (Postgres LISTEN/NOTIFY)', () => {
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

  const next = (channel: string, timeoutMs = 2_000) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`nothing on ${channel} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = feed.on(channel, (payload) => {
        clearTimeout(timer);
        off();
        resolve(payload);
      });
    });

  it('delivers what a committed transaction sent, and nothing of a rolled-back one', async () => {
    const seen: unknown[] = [];
    const off = feed.on('payments_test', (payload) => seen.push(payload));
    await feed.ready();
    await db
      .transaction(async (tx) => {
        await notify(tx, 'payments_test', { id: 'rolled-back' });
        throw new Error('abandoned');
      })
      .catch(() => undefined);
    const arrived = next('payments_test');
    await db.transaction((tx) => notify(tx, 'payments_test', { id: 'committed', status: 'SUCCEEDED' }));
    expect(await arrived).toEqual({ id: 'committed', status: 'SUCCEEDED' });
    off();
    expect(seen).toEqual([{ id: 'committed', status: 'SUCCEEDED' }]);
  });

  it('listens again after its connection is cut, and says that messages may have been missed', async () => {
    await feed.ready();
    const gap = new Promise<void>((resolve) => {
      const off = feed.onGap(() => {
        off();
        resolve();
      });
    });
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cpg-changes' AND datname = current_database()`);
    await gap;
    await feed.ready();
    const arrived = next('payments_test');
    await notify(db, 'payments_test', { id: 'after the cut' });
    expect(await arrived).toEqual({ id: 'after the cut' });
  });
});
