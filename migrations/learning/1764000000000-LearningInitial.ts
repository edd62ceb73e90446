import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LearningInitial1764000000000 implements MigrationInterface {
  name = 'LearningInitial1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE learning.course (
        id               uuid PRIMARY KEY,
        title            text NOT NULL,
        theme            text NOT NULL,
        provider         text NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
        description      text NOT NULL
      )`);
    await db.query(`CREATE INDEX course_title_idx ON learning.course (title, id)`);
    await db.query(`
      CREATE TABLE learning.statement (
        id              uuid PRIMARY KEY,
        account_id      uuid NOT NULL,
        verb            text NOT NULL CHECK (verb IN ('REGISTERED', 'ATTEMPTED', 'COMPLETED', 'PASSED', 'FAILED')),
        course_id       uuid NOT NULL REFERENCES learning.course (id),
        organisation_id uuid NOT NULL,
        score_scaled    numeric(5, 4) CHECK (score_scaled BETWEEN -1 AND 1),
        success         boolean,
        completion      boolean,
        duration        text CHECK (duration ~ '^P'),
        timestamp       timestamptz(3) NOT NULL,
        stored_at       timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX statement_account_idx ON learning.statement (account_id, timestamp DESC, id DESC)`);
    await db.query(`CREATE INDEX statement_organisation_idx ON learning.statement (organisation_id, account_id)`);
    await db.query(`CREATE INDEX statement_course_idx ON learning.statement (course_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE learning.statement`);
    await db.query(`DROP TABLE learning.course`);
  }
}
