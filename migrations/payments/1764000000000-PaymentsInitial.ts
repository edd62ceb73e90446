import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsInitial1764000000000 implements MigrationInterface {
  name = 'PaymentsInitial1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments.payment (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        account_id      uuid,
        direction       text NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
        -- Whole pence; a single payment is capped at £100 million.
        amount_pence    bigint NOT NULL CHECK (amount_pence > 0 AND amount_pence <= 10000000000),
        reference       text NOT NULL CHECK (length(reference) BETWEEN 1 AND 255),
        description     text NOT NULL CHECK (length(description) BETWEEN 1 AND 255),
        status          text NOT NULL CHECK (status IN ('CREATED', 'STARTED', 'SUBMITTED', 'CAPTURABLE',
                                                        'SUCCESS', 'FAILED', 'CANCELLED', 'ERROR')),
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        updated_at      timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // Pages of an organisation's and an account's payments, newest first.
    await db.query(`CREATE INDEX payment_organisation_idx ON payments.payment (organisation_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX payment_account_idx ON payments.payment (account_id, created_at DESC, id DESC) WHERE account_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE payments.payment`);
  }
}
