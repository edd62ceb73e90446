import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running totals per organisation, direction and status, kept by the
 * database itself. `Organisation.paymentTotals` used to count and sum every
 * payment of the organisation on each read (a council holds tens of
 * thousands): at full scale that one statement was half the SQL time of a
 * staff dashboard. Now it reads a handful of rows.
 *
 * Statement-level triggers with transition tables keep the totals: one
 * grouped upsert per statement whatever its number of rows (a bulk load
 * aggregates once; a status change moves one count), inside the writing
 * transaction, so the totals commit or roll back with the payments. The
 * upsert runs in key order, so concurrent writers lock total rows in the
 * same order and cannot deadlock on them. TRUNCATE fires no row triggers:
 * its own trigger empties the totals.
 */
export class PaymentTotals1764200000000 implements MigrationInterface {
  name = 'PaymentTotals1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments.payment_total (
        organisation_id uuid    NOT NULL,
        direction       text    NOT NULL,
        status          text    NOT NULL,
        -- No CHECK (>= 0): an upsert's proposed row carries the change (negative when payments leave a status), and Postgres checks it before the conflict turns it into an update.
        payments        bigint  NOT NULL,
        amount_pence    numeric NOT NULL,
        PRIMARY KEY (organisation_id, direction, status)
      )`);
    // One function per kind of statement: a trigger function may name only the transition tables its trigger has.
    await db.query(`
      CREATE FUNCTION payments.keep_payment_totals_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO payments.payment_total AS total (organisation_id, direction, status, payments, amount_pence)
        SELECT organisation_id, direction, status, count(*), sum(amount_pence)
          FROM new_rows GROUP BY organisation_id, direction, status ORDER BY organisation_id, direction, status
        ON CONFLICT (organisation_id, direction, status)
          DO UPDATE SET payments = total.payments + EXCLUDED.payments, amount_pence = total.amount_pence + EXCLUDED.amount_pence;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION payments.keep_payment_totals_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO payments.payment_total AS total (organisation_id, direction, status, payments, amount_pence)
        SELECT organisation_id, direction, status, sum(n), sum(amount)
          FROM (
            SELECT organisation_id, direction, status, -1 AS n, -amount_pence::numeric AS amount FROM old_rows
            UNION ALL
            SELECT organisation_id, direction, status, 1, amount_pence::numeric FROM new_rows
          ) AS change
         GROUP BY organisation_id, direction, status
        HAVING sum(n) <> 0 OR sum(amount) <> 0
         ORDER BY organisation_id, direction, status
        ON CONFLICT (organisation_id, direction, status)
          DO UPDATE SET payments = total.payments + EXCLUDED.payments, amount_pence = total.amount_pence + EXCLUDED.amount_pence;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION payments.keep_payment_totals_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE payments.payment_total AS total SET payments = total.payments - gone.payments, amount_pence = total.amount_pence - gone.amount
          FROM (SELECT organisation_id, direction, status, count(*) AS payments, sum(amount_pence)::numeric AS amount
                  FROM old_rows GROUP BY organisation_id, direction, status ORDER BY organisation_id, direction, status) AS gone
         WHERE (total.organisation_id, total.direction, total.status) = (gone.organisation_id, gone.direction, gone.status);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION payments.empty_payment_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM payments.payment_total;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER payment_totals_insert AFTER INSERT ON payments.payment
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payments.keep_payment_totals_on_insert()`);
    await db.query(`
      CREATE TRIGGER payment_totals_update AFTER UPDATE ON payments.payment
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payments.keep_payment_totals_on_change()`);
    await db.query(`
      CREATE TRIGGER payment_totals_delete AFTER DELETE ON payments.payment
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION payments.keep_payment_totals_on_delete()`);
    await db.query(`
      CREATE TRIGGER payment_totals_truncate AFTER TRUNCATE ON payments.payment
        FOR EACH STATEMENT EXECUTE FUNCTION payments.empty_payment_totals()`);
    // The payments already there.
    await db.query(`
      INSERT INTO payments.payment_total (organisation_id, direction, status, payments, amount_pence)
      SELECT organisation_id, direction, status, count(*), sum(amount_pence) FROM payments.payment GROUP BY organisation_id, direction, status`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const trigger of ['payment_totals_truncate', 'payment_totals_delete', 'payment_totals_update', 'payment_totals_insert']) {
      await db.query(`DROP TRIGGER ${trigger} ON payments.payment`);
    }
    for (const fn of ['empty_payment_totals', 'keep_payment_totals_on_delete', 'keep_payment_totals_on_change', 'keep_payment_totals_on_insert']) {
      await db.query(`DROP FUNCTION payments.${fn}()`);
    }
    await db.query(`DROP TABLE payments.payment_total`);
  }
}
