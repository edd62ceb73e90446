import type { Logger } from 'pino';
import { COURSES } from './catalogue';
import { seedId, seedSerialIdSql } from './ids';
import type { SeedOrganisation } from './organisations';
import { type Queryable, inChunks } from './progress';
import type { SeedPlan } from './scales';

/** Courses, then xAPI statements for the plan's learners: registered, attempted, then completed / passed / failed. */
export async function seedLearningSchema(db: Queryable, plan: SeedPlan, organisations: SeedOrganisation[], log: Logger): Promise<number> {
  const courseIds = COURSES.map(([title]) => seedId('course', title));
  await db.query(
    `INSERT INTO learning.course (id, title, theme, provider, duration_minutes, description)
     SELECT id, title, theme, provider, minutes, title || ': a ' || theme || ' course for public servants, from ' || provider || '.'
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[]) AS c(id, title, theme, provider, minutes)`,
    [courseIds, ...[0, 1, 2, 3].map((i) => COURSES.map((course) => course[i]))],
  );
  const organisationIds = organisations.map((o) => o.id);
  // Learner l is account 1 + (l * 104729) mod accounts: distinct for every l, as 104729 is prime.
  // Organisations are skewed as in life: the first (large councils) have many learners, the last few,
  // so some organisation totals are small enough to be suppressed.
  const statements = plan.learners * plan.statementsPerLearner;
  await inChunks(log, 'learning records', statements, (from, to) =>
    db.query(
      `INSERT INTO learning.statement (id, account_id, verb, course_id, organisation_id, score_scaled, success, completion, duration, timestamp, stored_at)
       SELECT ${seedSerialIdSql('statement', 's')},
              ${seedSerialIdSql('account', `1 + (l::bigint * 104729) % $5`)},
              v.verb, ($3::uuid[])[1 + (l + (k / 3) * 7) % cardinality($3::uuid[])],
              ($4::uuid[])[1 + floor(cardinality($4::uuid[]) * power(((l::bigint * 7919) % $7)::float8 / $7, 2))::int],
              CASE WHEN v.verb IN ('PASSED','FAILED') THEN round(((s * 37) % 100) / 100.0, 2) END,
              CASE v.verb WHEN 'PASSED' THEN true WHEN 'FAILED' THEN false END,
              CASE WHEN v.verb IN ('COMPLETED','PASSED') THEN true END,
              CASE WHEN v.verb <> 'REGISTERED' THEN 'PT' || (1 + s % 9) || 'H' || (s % 60) || 'M' END,
              timestamptz '2021-09-01' + (l * 3001 + k * 86400 * 9) * interval '1 second',
              timestamptz '2021-09-01' + (l * 3001 + k * 86400 * 9 + 5) * interval '1 second'
         FROM generate_series($1::int, $2::int) s
         CROSS JOIN LATERAL (SELECT 1 + (s - 1) / $6 AS l, (s - 1) % $6 AS k) lk
         CROSS JOIN LATERAL (SELECT CASE k % 3 WHEN 0 THEN 'REGISTERED' WHEN 1 THEN 'ATTEMPTED'
                                    ELSE (ARRAY['COMPLETED','PASSED','PASSED','FAILED'])[1 + (l + k) % 4] END AS verb) v`,
      [from, to, courseIds, organisationIds, plan.accounts, plan.statementsPerLearner, plan.learners],
    ),
  );
  // Open Badges for every completion, as recordStatement issues them.
  await db.query(`
    INSERT INTO learning.badge (account_id, course_id, organisation_id, statement_id, issued_at)
    SELECT DISTINCT ON (account_id, course_id) account_id, course_id, organisation_id, id, timestamp
      FROM learning.statement WHERE verb IN ('COMPLETED', 'PASSED')
     ORDER BY account_id, course_id, timestamp`);
  return statements;
}
