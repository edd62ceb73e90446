import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityInitial1764000000000 implements MigrationInterface {
  name = 'IdentityInitial1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.account (
        id                uuid PRIMARY KEY,
        assurance_level   text NOT NULL CHECK (assurance_level IN ('NONE', 'LOW', 'MEDIUM', 'HIGH')),
        created_at        timestamptz(3) NOT NULL DEFAULT now(),
        last_signed_in_at timestamptz(3)
      )`);
    await db.query(`CREATE INDEX account_created_idx ON identity.account (created_at, id)`);
    await db.query(`
      CREATE TABLE identity.verified_attribute (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id  uuid NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
        kind        text NOT NULL CHECK (kind IN ('GIVEN_NAME', 'FAMILY_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'EMAIL', 'PHONE')),
        value       text NOT NULL,
        uprn        text CHECK (uprn ~ '^[0-9]{1,12}$'),
        source      text NOT NULL,
        level       text NOT NULL CHECK (level IN ('NONE', 'LOW', 'MEDIUM', 'HIGH')),
        verified_at timestamptz(3) NOT NULL,
        UNIQUE (account_id, kind)
      )`);
    await db.query(`
      CREATE TABLE identity.consent (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id      uuid NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        attributes      text[] NOT NULL CHECK (cardinality(attributes) > 0),
        purpose         text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        method          text NOT NULL,
        given_at        timestamptz(3) NOT NULL DEFAULT now(),
        withdrawn_at    timestamptz(3),
        CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
      )`);
    await db.query(`CREATE INDEX consent_account_idx ON identity.consent (account_id, given_at)`);
    await db.query(`CREATE INDEX consent_organisation_idx ON identity.consent (organisation_id, account_id)`);
    await db.query(`
      CREATE TABLE identity.organisation_use (
        account_id      uuid NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        first_used_at   timestamptz(3) NOT NULL,
        last_used_at    timestamptz(3) NOT NULL,
        PRIMARY KEY (account_id, organisation_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.organisation_use`);
    await db.query(`DROP TABLE identity.consent`);
    await db.query(`DROP TABLE identity.verified_attribute`);
    await db.query(`DROP TABLE identity.account`);
  }
}
