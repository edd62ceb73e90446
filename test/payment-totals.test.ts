/**
 * The running payment totals (migrations/payments/…-PaymentTotals.ts) always
 * equal a count over the payments themselves: after a bulk load, status
 * changes, refunds, a rolled-back write, deletes, TRUNCATE and concurrent
 * writers, on a real Postgres, as the payments subgraph's own role.
 */
import type { DataSource } from 'typeorm';
import { migrateUp, openDataSource } from '../runtime/migrations';
import { SUBGRAPHS } from '../subgraphs';
import { createTestDatabase, type TestDatabase } from './support/database';

let database: TestDatabase;
let db: DataSource;
const ORGS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDataSource(SUBGRAPHS.payments, database.urls.payments);
  await migrateUp(db);
});

afterAll(async () => {
  await db?.destroy();
  await database?.stop();
});

/** Totals as kept, and as counted from the payments: the two must be equal. */
async function both(): Promise<{ kept: unknown[]; counted: unknown[] }> {
  const [kept, counted] = await Promise.all([
    db.query(`SELECT organisation_id, direction, status, payments::int, amount_pence::text AS amount
                FROM payments.payment_total WHERE payments > 0 ORDER BY 1, 2, 3`),
    db.query(`SELECT organisation_id, direction, status, count(*)::int AS payments, sum(amount_pence)::text AS amount
                FROM payments.payment GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
  ]);
  return { kept, counted };
}

async function expectInStep(): Promise<void> {
  const { kept, counted } = await both();
  expect(kept).toEqual(counted);
}

const insert = (count: number, organisation = ORGS[0], from = 1) =>
  db.query(
    `INSERT INTO payments.payment (organisation_id, direction, amount_pence, reference, description, status)
     SELECT $1, CASE WHEN n % 3 = 0 THEN 'OUTBOUND' ELSE 'INBOUND' END, 100 + n, 'REF-' || n, 'Test payment', 'CREATED'
       FROM generate_series($2::int, $3::int) n`,
    [organisation, from, from + count - 1],
  );

describe('running payment totals', () => {
  it('follow a bulk load, status changes and refunds', async () => {
    await insert(5_000, ORGS[0]);
    await insert(1_200, ORGS[1]);
    await expectInStep();
    expect((await both()).kept.length).toBe(4);
    await db.query(`UPDATE payments.payment SET status = 'STARTED' WHERE amount_pence % 2 = 0`);
    await db.query(`UPDATE payments.payment SET status = 'SUBMITTED' WHERE amount_pence % 4 = 0`);
    await db.query(`UPDATE payments.payment SET status = 'SUCCESS' WHERE status = 'SUBMITTED' AND amount_pence % 8 = 0`);
    await expectInStep();
    // A refund changes neither a count nor an amount paid.
    const before = (await both()).kept;
    await db.query(`UPDATE payments.payment SET refunded_pence = 50 WHERE status = 'SUCCESS' AND direction = 'INBOUND'`);
    expect((await both()).kept).toEqual(before);
  });

  it('roll back with the write that failed', async () => {
    const before = (await both()).kept;
    await db
      .transaction(async (tx) => {
        await tx.query(`UPDATE payments.payment SET status = 'CANCELLED' WHERE status = 'CREATED'`);
        await tx.query(
          `INSERT INTO payments.payment (organisation_id, direction, amount_pence, reference, description, status) VALUES ($1, 'INBOUND', 1, 'R', 'D', 'CREATED')`,
          [ORGS[1]],
        );
        throw new Error('abandoned');
      })
      .catch(() => undefined);
    expect((await both()).kept).toEqual(before);
    await expectInStep();
  });

  it('stay in step with 40 concurrent writers on the same organisations and statuses', async () => {
    // As the payments subgraph writes: one statement that touches the totals per transaction (a create, or a status change), so
    // each transaction locks its total rows at once and in key order, and writers queue rather than deadlock.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.transaction(async (tx) => {
          if (i % 2 === 0) {
            await tx.query(
              `INSERT INTO payments.payment (organisation_id, direction, amount_pence, reference, description, status)
               SELECT $1, 'INBOUND', 7 + n, 'C-' || n, 'Concurrent', 'CREATED' FROM generate_series(1, 25) n`,
              [ORGS[i % 4 === 0 ? 0 : 1]],
            );
          } else {
            await tx.query(
              `UPDATE payments.payment SET status = 'STARTED'
                WHERE id IN (SELECT id FROM payments.payment WHERE status = 'CREATED' ORDER BY id LIMIT 5 FOR UPDATE SKIP LOCKED)`,
            );
          }
        }),
      ),
    );
    await expectInStep();
  });

  it('follow deletes, and are emptied by TRUNCATE', async () => {
    await db.query(`DELETE FROM payments.payment WHERE amount_pence % 5 = 0`);
    await expectInStep();
    await db.query(`TRUNCATE payments.payment CASCADE`);
    expect((await both()).kept).toEqual([]);
    await insert(10, ORGS[1]);
    await expectInStep();
  });
});
