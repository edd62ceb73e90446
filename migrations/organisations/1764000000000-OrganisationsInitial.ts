import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationsInitial1764000000000 implements MigrationInterface {
  name = 'OrganisationsInitial1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organisations.organisation (
        id        uuid PRIMARY KEY,
        name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        type      text NOT NULL CHECK (type IN ('LOCAL_AUTHORITY', 'EXECUTIVE_AGENCY', 'NDPB',
                                                'NON_MINISTERIAL_OFFICE', 'HEALTH_BOARD', 'OTHER_PUBLIC_BODY')),
        gss_code  text UNIQUE CHECK (gss_code ~ '^S[0-9]{8}$'),
        website   text,
        joined_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX organisation_name_idx ON organisations.organisation (name, id)`);
    await db.query(`CREATE INDEX organisation_type_name_idx ON organisations.organisation (type, name, id)`);
    await db.query(`
      CREATE TABLE organisations.service (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations.organisation (id) ON DELETE CASCADE,
        name            text NOT NULL,
        category        text NOT NULL,
        url             text
      )`);
    await db.query(`CREATE INDEX service_organisation_idx ON organisations.service (organisation_id, name)`);
    await db.query(`
      CREATE TABLE organisations.integration (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations.organisation (id) ON DELETE CASCADE,
        service_name    text NOT NULL,
        domain          text NOT NULL,
        status          text NOT NULL CHECK (status IN ('LIVE', 'PILOT', 'RETIRED')),
        launched_at     timestamptz(3) NOT NULL,
        UNIQUE (organisation_id, domain)
      )`);
    await db.query(`CREATE INDEX integration_organisation_idx ON organisations.integration (organisation_id, launched_at, id)`);
    await db.query(`CREATE INDEX integration_launched_idx ON organisations.integration (launched_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE organisations.integration`);
    await db.query(`DROP TABLE organisations.service`);
    await db.query(`DROP TABLE organisations.organisation`);
  }
}
