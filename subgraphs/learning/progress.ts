import type { DataSource } from 'typeorm';
import { groupByParent } from '../shared/rows';
import { ProgressStatus } from './entities/course-progress';

interface ProgressRow {
  account_id: string;
  course_id: string;
  passed: boolean;
  completed: boolean;
  attempted: boolean;
  last_outcome: string | null;
  best_score: string | null;
  last_active_at: Date;
}

export function statusOf(row: Pick<ProgressRow, 'passed' | 'completed' | 'attempted' | 'last_outcome'>): ProgressStatus {
  if (row.passed) return ProgressStatus.PASSED;
  if (row.completed) return ProgressStatus.COMPLETED;
  if (row.last_outcome === 'FAILED') return ProgressStatus.FAILED;
  if (row.attempted) return ProgressStatus.IN_PROGRESS;
  return ProgressStatus.REGISTERED;
}

/** Progress of many learners in one statement; `organisationId` limits it to that organisation's context. */
export async function progressOf(db: DataSource, accountIds: readonly string[], organisationId: string | null) {
  const rows: ProgressRow[] = await db.query(
    `SELECT account_id, course_id,
            bool_or(verb = 'PASSED') AS passed, bool_or(verb = 'COMPLETED') AS completed, bool_or(verb <> 'REGISTERED') AS attempted,
            (array_agg(verb ORDER BY timestamp DESC) FILTER (WHERE verb IN ('PASSED', 'FAILED')))[1] AS last_outcome,
            max(score_scaled)::text AS best_score, max(timestamp) AS last_active_at
       FROM learning.statement
      WHERE account_id = ANY($1::uuid[]) AND counted AND ($2::uuid IS NULL OR organisation_id = $2)
      GROUP BY account_id, course_id ORDER BY max(timestamp) DESC`,
    [accountIds, organisationId],
  );
  return groupByParent(
    accountIds,
    rows,
    (row) => row.account_id,
    (row) => ({
      courseId: row.course_id,
      status: statusOf(row),
      bestScore: row.best_score === null ? null : Number(row.best_score),
      lastActiveAt: row.last_active_at,
    }),
  );
}
