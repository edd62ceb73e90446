import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * xAPI statements become recordable: a content hash for idempotent re-sends,
 * voiding (a VOIDED statement whose object is another statement), and Open
 * Badges issued on completion.
 */
export class StatementsAndBadges1764400000000 implements MigrationInterface {
  name = 'StatementsAndBadges1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE learning.statement DROP CONSTRAINT statement_verb_check`);
    await db.query(`
      ALTER TABLE learning.statement
        ALTER COLUMN course_id DROP NOT NULL,
        ADD CONSTRAINT statement_verb_check CHECK (verb IN ('REGISTERED', 'ATTEMPTED', 'COMPLETED', 'PASSED', 'FAILED', 'VOIDED')),
        ADD COLUMN content_hash text,
        -- For a VOIDED statement: the statement it voids (its object).
        ADD COLUMN voids uuid UNIQUE REFERENCES learning.statement (id),
        -- On a voided statement: the statement that voided it.
        ADD COLUMN voided_by uuid REFERENCES learning.statement (id),
        ADD CONSTRAINT statement_object CHECK ((verb = 'VOIDED') = (voids IS NOT NULL) AND (verb = 'VOIDED') = (course_id IS NULL)),
        ADD COLUMN counted boolean GENERATED ALWAYS AS (verb <> 'VOIDED' AND voided_by IS NULL) STORED`);
    await db.query(`DROP INDEX learning.statement_account_idx`);
    await db.query(`CREATE INDEX statement_account_idx ON learning.statement (account_id, timestamp DESC, id DESC) WHERE counted`);
    await db.query(`
      CREATE TABLE learning.badge (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id      uuid NOT NULL,
        course_id       uuid NOT NULL REFERENCES learning.course (id),
        organisation_id uuid NOT NULL,
        statement_id    uuid NOT NULL REFERENCES learning.statement (id),
        issued_at       timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at      timestamptz(3),
        UNIQUE (account_id, course_id)
      )`);
    // Badges for completions already recorded.
    await db.query(`
      INSERT INTO learning.badge (account_id, course_id, organisation_id, statement_id, issued_at)
      SELECT DISTINCT ON (account_id, course_id) account_id, course_id, organisation_id, id, timestamp
        FROM learning.statement WHERE verb IN ('COMPLETED', 'PASSED')
       ORDER BY account_id, course_id, timestamp`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE learning.badge`);
    await db.query(`UPDATE learning.statement SET voided_by = NULL WHERE voided_by IS NOT NULL`);
    await db.query(`DELETE FROM learning.statement WHERE verb = 'VOIDED'`);
    await db.query(`DROP INDEX learning.statement_account_idx`);
    await db.query(`CREATE INDEX statement_account_idx ON learning.statement (account_id, timestamp DESC, id DESC)`);
    await db.query(`
      ALTER TABLE learning.statement
        DROP COLUMN counted,
        DROP CONSTRAINT statement_object,
        DROP COLUMN voided_by,
        DROP COLUMN voids,
        DROP COLUMN content_hash,
        DROP CONSTRAINT statement_verb_check,
        ADD CONSTRAINT statement_verb_check CHECK (verb IN ('REGISTERED', 'ATTEMPTED', 'COMPLETED', 'PASSED', 'FAILED')),
        ALTER COLUMN course_id SET NOT NULL`);
  }
}
