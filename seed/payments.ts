import type { Logger } from 'pino';
import { FAMILY_NAMES, GIVEN_NAMES } from './catalogue';
import { seedSerialIdSql } from './ids';
import type { SeedOrganisation } from './organisations';
import { type Queryable, inChunks } from './progress';
import type { SeedPlan } from './scales';

/**
 * Payments through the myaccount organisations: two in three INBOUND
 * (council tax, permits, fines: £5 to £500), one in three OUTBOUND (grants and
 * payments to people: £50 to £180, so the full scale pays out about £23 million),
 * most of them finished with SUCCESS.
 *
 * A payment's account is one the identity seed links to the same
 * organisation: account n uses council n mod 32, and when n mod 5 = 0 also
 * national body n mod 8, so the account is picked from that residue class.
 */
export async function seedPaymentsSchema(db: Queryable, plan: SeedPlan, organisations: SeedOrganisation[], log: Logger): Promise<number> {
  const payers = organisations.filter((o) => o.myaccount).map((o) => o.id);
  const councils = organisations.filter((o) => o.type === 'LOCAL_AUTHORITY').length;
  const accountOf = `CASE WHEN o < $5 THEN o + $5 * (1 + (n::bigint * 7919) % ($4 / $5 - 1))
                          ELSE ((o - $5) * 25) % 40 + 40 * (1 + (n::bigint * 7919) % ($4 / 40 - 1)) END`;
  await seedPayees(db);
  return inChunks(log, 'payments', plan.payments, (from, to) =>
    db.query(
      `INSERT INTO payments.payment (id, organisation_id, account_id, direction, amount_pence, reference, description, status, created_at, updated_at)
       SELECT ${seedSerialIdSql('payment', 'n')}, ($3::uuid[])[1 + o],
              CASE WHEN n % 3 <> 0 OR n % 2 = 0 THEN ${seedSerialIdSql('account', accountOf)} END,
              CASE WHEN n % 3 = 0 THEN 'OUTBOUND' ELSE 'INBOUND' END,
              CASE WHEN n % 3 = 0 THEN 5000 + (n * 53) % 13000 ELSE 500 + (n * 37) % 49500 END,
              'SP-' || lpad(n::text, 9, '0'),
              CASE WHEN n % 3 = 0 THEN (ARRAY['Scottish Child Payment','Best Start Grant','Education Maintenance Allowance','Self-isolation support grant'])[1 + n % 4]
                   ELSE (ARRAY['Council tax','Parking permit','Bulky waste uplift','School meals top-up','Penalty charge notice','Copy birth certificate'])[1 + n % 6] END,
              (ARRAY['SUCCESS','SUCCESS','SUCCESS','SUCCESS','SUCCESS','SUCCESS','SUCCESS','FAILED','CANCELLED','CREATED','SUBMITTED','CAPTURABLE'])[1 + (n / 41 + n * 7) % 12],
              timestamptz '2022-04-01' + ((n::bigint * 104729) % 110000000) * interval '1 second',
              timestamptz '2022-04-01' + ((n::bigint * 104729) % 110000000 + 600) * interval '1 second'
         FROM generate_series($1::int, $2::int) n
         CROSS JOIN LATERAL (SELECT n % cardinality($3::uuid[]) AS o) org`,
      [from, to, payers, plan.accounts, councils],
    ),
  );
}

/** Sort-code prefixes of banks in the Confirmation of Payee scheme (migrations: payments.bank). */
const PARTICIPATING = ['80', '83', '82', '60', '40', '20', '30', '09', '07', '04'];
const BUSINESSES = ['Highland Home Care Ltd', 'Clyde Community Transport', 'Fife Foodbank', 'Borders Building Services Limited', 'Orkney Ferries Catering Ltd'];

/**
 * The account holders Confirmation of Payee checks names against: people
 * named from the seed catalogue and a few businesses, on account numbers
 * 10000001 upwards, sort codes <prefix>0101.
 */
async function seedPayees(db: Queryable): Promise<void> {
  const people = Array.from({ length: 200 }, (_, i) => ({
    name: `${GIVEN_NAMES[i % GIVEN_NAMES.length]} ${FAMILY_NAMES[(i * 7) % FAMILY_NAMES.length]}`,
    type: 'PERSONAL',
  }));
  const payees = [...people, ...BUSINESSES.map((name) => ({ name, type: 'BUSINESS' }))];
  await db.query(
    `INSERT INTO payments.payee (name, account_type, sort_code, account_number)
     SELECT p.name, p.type, ($3::text[])[1 + (p.n::int % cardinality($3::text[]))] || '0101', (10000000 + p.n)::text
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(name, type, n)`,
    [payees.map((p) => p.name), payees.map((p) => p.type), PARTICIPATING],
  );
}
