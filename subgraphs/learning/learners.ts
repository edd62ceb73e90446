import type { DataSource } from 'typeorm';
import type { KeysetRows } from '../shared/keyset';
import { groupByParent } from '../shared/rows';
import type { Learner } from './entities/learner';

/**
 * One page of learners for each of many organisations, in one statement: a
 * LATERAL group-by over the (organisation_id, account_id) index, in account
 * order so that the page continues after the last account seen.
 */
export async function learnersOfOrganisations(
  db: DataSource,
  organisationIds: readonly string[],
  limit: number,
  afterAccountId: string | null,
): Promise<Map<string, KeysetRows<Learner>>> {
  const page: Promise<{ organisation_id: string; account_id: string; statements: number; courses_completed: number; last_active_at: Date }[]> = db.query(
    `SELECT parent.id::text AS organisation_id, l.*
         FROM unnest($1::uuid[]) AS parent(id)
         CROSS JOIN LATERAL (
           SELECT s.account_id, count(*)::int AS statements,
                  count(DISTINCT s.course_id) FILTER (WHERE s.verb IN ('COMPLETED', 'PASSED'))::int AS courses_completed,
                  max(s.timestamp) AS last_active_at
             FROM learning.statement s
            WHERE s.organisation_id = parent.id AND s.counted AND ($3::uuid IS NULL OR s.account_id > $3::uuid)
            GROUP BY s.account_id ORDER BY s.account_id LIMIT $2) l`,
    [organisationIds, limit, afterAccountId],
  );
  // hasPreviousPage: the organisations with a learner at or before the cursor's account.
  const preceding: Promise<{ id: string }[]> = afterAccountId
    ? db.query(
        `SELECT parent.id::text AS id FROM unnest($1::uuid[]) AS parent(id)
          WHERE EXISTS (SELECT 1 FROM learning.statement s WHERE s.organisation_id = parent.id AND s.counted AND s.account_id <= $2::uuid)`,
        [organisationIds, afterAccountId],
      )
    : Promise.resolve([]);
  const [rows, preceded] = await Promise.all([page, preceding.then((found) => new Set(found.map((row) => row.id)))]);
  const byOrganisation = groupByParent(
    organisationIds,
    rows,
    (row) => row.organisation_id,
    (row) => ({
      account: { id: row.account_id },
      statements: row.statements,
      coursesCompleted: row.courses_completed,
      lastActiveAt: row.last_active_at,
    }),
  );
  return new Map([...byOrganisation].map(([id, learners]) => [id, { rows: learners, precededByCursor: preceded.has(id) }]));
}
