import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Feedback to data providers, and the index behind "datasets like this one". */
export class DatasetFeedback1764300000000 implements MigrationInterface {
  name = 'DatasetFeedback1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE datasets.feedback (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dataset_id    uuid NOT NULL REFERENCES datasets.dataset (id) ON DELETE CASCADE,
        -- The publisher when it was sent: whose inbox it is in.
        publisher_id  uuid NOT NULL,
        message       text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
        contact_email text CHECK (contact_email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
        sent_by       text,
        sent_at       timestamptz(3) NOT NULL DEFAULT now(),
        answer        text CHECK (length(answer) BETWEEN 1 AND 2000),
        answered_by   text,
        answered_at   timestamptz(3),
        CHECK ((answer IS NULL) = (answered_at IS NULL))
      )`);
    await db.query(`CREATE INDEX feedback_publisher_idx ON datasets.feedback (publisher_id, sent_at DESC, id DESC)`);
    await db.query(`CREATE INDEX feedback_dataset_idx ON datasets.feedback (dataset_id, sent_at)`);
    await db.query(`CREATE INDEX dataset_keywords_idx ON datasets.dataset USING gin (keywords)`);
    await db.query(`CREATE INDEX distribution_format_idx ON datasets.distribution (format, dataset_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX datasets.distribution_format_idx`);
    await db.query(`DROP INDEX datasets.dataset_keywords_idx`);
    await db.query(`DROP TABLE datasets.feedback`);
  }
}
