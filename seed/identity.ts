import type { Logger } from 'pino';
import { FAMILY_NAMES, GIVEN_NAMES, STREETS } from './catalogue';
import { seedSerialIdSql } from './ids';
import type { SeedOrganisation } from './organisations';
import { type Queryable, inChunks } from './progress';
import type { SeedPlan } from './scales';

/** Accounts with their verified attributes, consents and the organisations they use, generated in SQL. */
export async function seedIdentitySchema(db: Queryable, plan: SeedPlan, organisations: SeedOrganisation[], log: Logger): Promise<number> {
  const councils = organisations.filter((o) => o.type === 'LOCAL_AUTHORITY').map((o) => o.id);
  const national = organisations.filter((o) => o.myaccount && o.type !== 'LOCAL_AUTHORITY').map((o) => o.id);
  const account = seedSerialIdSql('account', 'n');
  // Accounts were opened one after another between April 2018 and 2025.
  const created = `timestamptz '2018-04-01' + (n::bigint * ${Math.floor(220_000_000 / plan.accounts)}) * interval '1 second'`;
  await inChunks(log, 'accounts', plan.accounts, (from, to) =>
    db.query(
      `INSERT INTO identity.account (id, assurance_level, created_at, last_signed_in_at)
       SELECT ${account}, (ARRAY['NONE','LOW','MEDIUM','MEDIUM','MEDIUM','HIGH'])[1 + n % 6], ${created},
              ${created} + ((n::bigint * 104729) % 30000000) * interval '1 second'
         FROM generate_series($1::int, $2::int) n`,
      [from, to],
    ),
  );
  await inChunks(log, 'verified attributes', plan.accounts, (from, to) =>
    db.query(
      `INSERT INTO identity.verified_attribute (id, account_id, kind, value, uprn, source, level, verified_at)
       SELECT ${seedSerialIdSql('attribute', 'n * 4 + a.k')}, ${account}, a.kind, a.value, a.uprn, a.source, 'MEDIUM', ${created} + interval '1 day'
         FROM generate_series($1::int, $2::int) n
         CROSS JOIN LATERAL (VALUES
           (0, 'GIVEN_NAME', ($3::text[])[1 + n % cardinality($3::text[])], NULL, 'PASSPORT'),
           (1, 'FAMILY_NAME', ($4::text[])[1 + (n / cardinality($3::text[])) % cardinality($4::text[])], NULL, 'PASSPORT'),
           (2, 'DATE_OF_BIRTH', to_char(date '1940-01-01' + (n * 37) % 23000, 'YYYY-MM-DD'), NULL, 'PASSPORT'),
           (3, 'ADDRESS', CASE WHEN n % 4 = 0 THEN (1 + n % 120)::text || ' ' || ($5::text[])[1 + n % cardinality($5::text[])] END,
                       CASE WHEN n % 4 = 0 THEN (906000000000 + n)::text END, 'CREDIT_REFERENCE')
         ) AS a(k, kind, value, uprn, source)
        WHERE a.value IS NOT NULL`,
      [from, to, GIVEN_NAMES, FAMILY_NAMES, STREETS],
    ),
  );
  await inChunks(log, 'organisations used', plan.accounts, (from, to) =>
    db.query(
      `INSERT INTO identity.organisation_use (account_id, organisation_id, first_used_at, last_used_at)
       SELECT ${account}, o.id, ${created}, ${created} + ((n::bigint * 104729) % 30000000) * interval '1 second'
         FROM generate_series($1::int, $2::int) n
         CROSS JOIN LATERAL (VALUES (($3::uuid[])[1 + n % cardinality($3::uuid[])]),
                                    (CASE WHEN n % 5 = 0 THEN ($4::uuid[])[1 + n % cardinality($4::uuid[])] END)) AS o(id)
        WHERE o.id IS NOT NULL`,
      [from, to, councils, national],
    ),
  );
  await inChunks(log, 'consents', plan.accounts, (from, to) =>
    db.query(
      `INSERT INTO identity.consent (id, account_id, organisation_id, attributes, purpose, method, given_at, withdrawn_at)
       SELECT ${seedSerialIdSql('consent', 'n')}, ${account}, ($3::uuid[])[1 + n % cardinality($3::uuid[])], ARRAY['GIVEN_NAME','FAMILY_NAME','DATE_OF_BIRTH'],
              'To check your identity for your application', 'ONLINE_FORM', ${created} + interval '2 days',
              CASE WHEN n % 70 = 0 THEN ${created} + interval '200 days' END
         FROM generate_series($1::int, $2::int) n WHERE n % 10 = 0`,
      [from, to, national],
    ),
  );
  return plan.accounts;
}
