import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A record of every read of a citizen's attributes by an organisation, and vouches. */
export class ConsentAccessAndVouching1764200000000 implements MigrationInterface {
  name = 'ConsentAccessAndVouching1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.attribute_access (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id      uuid NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        accessed_by     text NOT NULL,
        consent_id      uuid NOT NULL REFERENCES identity.consent (id),
        attributes      text[] NOT NULL,
        accessed_at     timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX attribute_access_account_idx ON identity.attribute_access (account_id, accessed_at DESC, id DESC)`);
    await db.query(`CREATE INDEX consent_active_idx ON identity.consent (organisation_id, account_id) WHERE withdrawn_at IS NULL`);
    await db.query(`CREATE INDEX organisation_use_organisation_idx ON identity.organisation_use (organisation_id, account_id)`);
    await db.query(`
      CREATE TABLE identity.vouch (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id          uuid NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
        voucher_name        text NOT NULL CHECK (length(voucher_name) BETWEEN 1 AND 140),
        relationship        text NOT NULL CHECK (length(relationship) BETWEEN 1 AND 140),
        known_for_years     integer NOT NULL CHECK (known_for_years BETWEEN 2 AND 100),
        recorded_by         text NOT NULL,
        organisation_id     uuid NOT NULL,
        level_before        text NOT NULL,
        level_after         text NOT NULL,
        recorded_at         timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX vouch_account_idx ON identity.vouch (account_id, recorded_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.vouch`);
    await db.query(`DROP INDEX identity.organisation_use_organisation_idx`);
    await db.query(`DROP INDEX identity.consent_active_idx`);
    await db.query(`DROP TABLE identity.attribute_access`);
  }
}
