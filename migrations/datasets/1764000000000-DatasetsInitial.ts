import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DatasetsInitial1764000000000 implements MigrationInterface {
  name = 'DatasetsInitial1764000000000';

  async up(db: QueryRunner): Promise<void> {
    // Declared IMMUTABLE so a generated column can use it: it reads nothing but its arguments.
    await db.query(`
      CREATE FUNCTION datasets.search_document(title text, description text, keywords text[])
        RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT setweight(pg_catalog.to_tsvector('pg_catalog.english', coalesce(title, '')), 'A')
              || setweight(pg_catalog.to_tsvector('pg_catalog.english', coalesce(pg_catalog.array_to_string(keywords, ' '), '')), 'B')
              || setweight(pg_catalog.to_tsvector('pg_catalog.english', coalesce(description, '')), 'C')
        $$`);
    await db.query(`
      CREATE TABLE datasets.dataset (
        id               uuid PRIMARY KEY,
        slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title            text NOT NULL,
        description      text NOT NULL,
        keywords         text[] NOT NULL DEFAULT '{}',
        theme            text NOT NULL,
        publisher_id     uuid NOT NULL,
        contact_name     text NOT NULL,
        contact_email    text NOT NULL,
        update_frequency text NOT NULL,
        licence          text NOT NULL DEFAULT 'OGL-UK-3.0',
        issued           timestamptz(3) NOT NULL,
        modified         timestamptz(3) NOT NULL,
        search           tsvector GENERATED ALWAYS AS (datasets.search_document(title, description, keywords)) STORED
      )`);
    await db.query(`CREATE INDEX dataset_search_idx ON datasets.dataset USING gin (search)`);
    await db.query(`CREATE INDEX dataset_publisher_idx ON datasets.dataset (publisher_id, modified DESC, id DESC)`);
    await db.query(`CREATE INDEX dataset_modified_idx ON datasets.dataset (modified DESC, id DESC)`);
    await db.query(`
      CREATE TABLE datasets.distribution (
        id         uuid PRIMARY KEY,
        dataset_id uuid NOT NULL REFERENCES datasets.dataset (id) ON DELETE CASCADE,
        title      text NOT NULL,
        access_url text NOT NULL,
        format     text NOT NULL,
        licence    text NOT NULL DEFAULT 'OGL-UK-3.0'
      )`);
    await db.query(`CREATE INDEX distribution_dataset_idx ON datasets.distribution (dataset_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE datasets.distribution`);
    await db.query(`DROP TABLE datasets.dataset`);
    await db.query(`DROP FUNCTION datasets.search_document(text, text, text[])`);
  }
}
