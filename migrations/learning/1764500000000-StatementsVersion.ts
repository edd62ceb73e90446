import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version number for the statements, raised by every write to them in the
 * writing transaction, so a cached aggregate can be checked against it: the
 * Academy-wide aggregates take seconds at full scale and change only when a
 * statement is recorded or voided.
 */
export class StatementsVersion1764500000000 implements MigrationInterface {
  name = 'StatementsVersion1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE learning.statements_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version   bigint NOT NULL DEFAULT 0
      )`);
    await db.query(`INSERT INTO learning.statements_version DEFAULT VALUES`);
    await db.query(`
      CREATE FUNCTION learning.raise_statements_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE learning.statements_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER statements_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON learning.statement
        FOR EACH STATEMENT EXECUTE FUNCTION learning.raise_statements_version()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER statements_version ON learning.statement`);
    await db.query(`DROP FUNCTION learning.raise_statements_version()`);
    await db.query(`DROP TABLE learning.statements_version`);
  }
}
