import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment lifecycle: the legal status transitions as data with a trigger
 * that refuses any other, idempotency keys, refunds that can never exceed the
 * amount paid, Confirmation of Payee, and the audit trail.
 */
export class PaymentLifecycle1764100000000 implements MigrationInterface {
  name = 'PaymentLifecycle1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments.status_transition (
        from_status text NOT NULL,
        to_status   text NOT NULL,
        PRIMARY KEY (from_status, to_status)
      )`);
    await db.query(`
      INSERT INTO payments.status_transition (from_status, to_status) VALUES
        ('CREATED', 'STARTED'), ('CREATED', 'CANCELLED'), ('CREATED', 'FAILED'), ('CREATED', 'ERROR'),
        ('STARTED', 'SUBMITTED'), ('STARTED', 'CANCELLED'), ('STARTED', 'FAILED'), ('STARTED', 'ERROR'),
        ('SUBMITTED', 'CAPTURABLE'), ('SUBMITTED', 'SUCCESS'), ('SUBMITTED', 'CANCELLED'), ('SUBMITTED', 'FAILED'), ('SUBMITTED', 'ERROR'),
        ('CAPTURABLE', 'SUCCESS'), ('CAPTURABLE', 'CANCELLED'), ('CAPTURABLE', 'FAILED'), ('CAPTURABLE', 'ERROR')`);
    // Defence in depth: even SQL that bypasses the resolvers cannot make an illegal transition.
    await db.query(`
      CREATE FUNCTION payments.refuse_illegal_transition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
          SELECT 1 FROM payments.status_transition WHERE from_status = OLD.status AND to_status = NEW.status
        ) THEN
          RAISE EXCEPTION 'illegal payment status transition % -> %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER payment_status_transition BEFORE UPDATE OF status ON payments.payment
        FOR EACH ROW EXECUTE FUNCTION payments.refuse_illegal_transition()`);

    await db.query(`
      CREATE TABLE payments.bank (
        sort_code_prefix text PRIMARY KEY CHECK (sort_code_prefix ~ '^[0-9]{2}$'),
        name             text NOT NULL,
        cop_participant  boolean NOT NULL
      )`);
    // Reference data: sort-code ranges and whether the bank answers Confirmation of Payee.
    await db.query(`
      INSERT INTO payments.bank (sort_code_prefix, name, cop_participant) VALUES
        ('80', 'Bank of Scotland', true), ('83', 'Royal Bank of Scotland', true), ('82', 'Clydesdale Bank', true),
        ('60', 'NatWest', true), ('40', 'HSBC UK', true), ('20', 'Barclays', true), ('30', 'Lloyds Bank', true),
        ('09', 'Santander UK', true), ('07', 'Nationwide Building Society', true), ('04', 'Monzo / Starling', true),
        ('08', 'Co-operative Bank', true), ('11', 'Halifax', true), ('89', 'Credit union (outside the scheme)', false)`);
    await db.query(`
      CREATE TABLE payments.payee (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name           text NOT NULL,
        account_type   text NOT NULL CHECK (account_type IN ('PERSONAL', 'BUSINESS')),
        sort_code      text NOT NULL CHECK (sort_code ~ '^[0-9]{6}$'),
        account_number text NOT NULL CHECK (account_number ~ '^[0-9]{8}$'),
        UNIQUE (sort_code, account_number)
      )`);
    await db.query(`
      CREATE TABLE payments.payee_check (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        name_given      text NOT NULL,
        account_type    text NOT NULL CHECK (account_type IN ('PERSONAL', 'BUSINESS')),
        sort_code       text NOT NULL,
        account_number  text NOT NULL,
        outcome         text NOT NULL CHECK (outcome IN ('MATCH', 'CLOSE_MATCH', 'NO_MATCH', 'UNAVAILABLE', 'ACCOUNT_TYPE_MISMATCH')),
        matched_name    text,
        checked_at      timestamptz(3) NOT NULL DEFAULT now()
      )`);

    await db.query(`
      ALTER TABLE payments.payment
        ADD COLUMN idempotency_key text CHECK (idempotency_key ~ '^[A-Za-z0-9-]{1,255}$'),
        ADD COLUMN request_hash    text,
        ADD COLUMN refunded_pence  bigint NOT NULL DEFAULT 0 CHECK (refunded_pence >= 0),
        ADD COLUMN payee_check_id  uuid REFERENCES payments.payee_check (id),
        ADD COLUMN payee_override  text,
        ADD CONSTRAINT payment_refunds_within_amount CHECK (refunded_pence <= amount_pence),
        ADD CONSTRAINT payment_outbound_has_payee CHECK (direction = 'INBOUND' OR payee_check_id IS NOT NULL OR idempotency_key IS NULL)`);
    // Concurrent creates with one key: the database, not a check-then-insert, lets exactly one through.
    await db.query(`CREATE UNIQUE INDEX payment_idempotency_idx ON payments.payment (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);

    await db.query(`
      CREATE TABLE payments.refund (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id      uuid NOT NULL REFERENCES payments.payment (id),
        organisation_id uuid NOT NULL,
        amount_pence    bigint NOT NULL CHECK (amount_pence > 0),
        reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 255),
        idempotency_key text NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9-]{1,255}$'),
        request_hash    text NOT NULL,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, idempotency_key)
      )`);
    await db.query(`CREATE INDEX refund_payment_idx ON payments.refund (payment_id, created_at)`);

    await db.query(`
      CREATE TABLE payments.payment_event (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Orders the trail exactly: several events can share a millisecond.
        sequence        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        payment_id      uuid NOT NULL REFERENCES payments.payment (id),
        organisation_id uuid NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('CREATED', 'STATUS_CHANGED', 'REFUNDED', 'PAYEE_OVERRIDDEN')),
        from_status     text,
        to_status       text,
        amount_pence    bigint,
        detail          text,
        occurred_at     timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX payment_event_payment_idx ON payments.payment_event (payment_id, sequence)`);
    await db.query(`CREATE INDEX payment_event_organisation_idx ON payments.payment_event (organisation_id, sequence DESC, id DESC)`);
    await db.query(`CREATE INDEX payment_organisation_month_idx ON payments.payment (organisation_id, created_at) INCLUDE (status, direction, amount_pence)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX payments.payment_organisation_month_idx`);
    await db.query(`DROP TABLE payments.payment_event`);
    await db.query(`DROP TABLE payments.refund`);
    await db.query(`DROP INDEX payments.payment_idempotency_idx`);
    await db.query(`
      ALTER TABLE payments.payment
        DROP CONSTRAINT payment_outbound_has_payee,
        DROP CONSTRAINT payment_refunds_within_amount,
        DROP COLUMN payee_override,
        DROP COLUMN payee_check_id,
        DROP COLUMN refunded_pence,
        DROP COLUMN request_hash,
        DROP COLUMN idempotency_key`);
    await db.query(`DROP TABLE payments.payee_check`);
    await db.query(`DROP TABLE payments.payee`);
    await db.query(`DROP TABLE payments.bank`);
    await db.query(`DROP TRIGGER payment_status_transition ON payments.payment`);
    await db.query(`DROP FUNCTION payments.refuse_illegal_transition()`);
    await db.query(`DROP TABLE payments.status_transition`);
  }
}
