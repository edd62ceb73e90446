import type { DataSource } from 'typeorm';
import { refOf } from '../shared/references';
import { type LearningAggregate, SMALL_COUNT_THRESHOLD } from './entities/learning-aggregate';
import { LearningGrouping } from './inputs';

const GROUP_KEYS: Record<LearningGrouping, string> = {
  THEME: 'c.theme',
  ORGANISATION: 's.organisation_id::text',
  MONTH: `to_char(s.timestamp AT TIME ZONE 'Europe/London', 'YYYY-MM')`,
};

interface AggregateRow {
  key: string;
  learners: number;
  registrations: number;
  completions: number;
}

/** Computed aggregates by grouping and organisation, valid while the statements' version stands; one cache per database. */
const caches = new WeakMap<DataSource, { version: string; rows: Map<string, AggregateRow[]> }>();

/**
 * The aggregate rows, from cache while no statement has been written since
 * they were computed. The version is read in the same statement as the
 * aggregates, so cached rows always belong to the version they are filed
 * under; a write raises the version in its own transaction, so the next
 * request after its commit recomputes.
 */
async function aggregateRows(db: DataSource, groupBy: LearningGrouping, own: string | null): Promise<AggregateRow[]> {
  const [{ version }] = (await db.query('SELECT version::text FROM learning.statements_version')) as { version: string }[];
  let cache = caches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, rows: new Map() };
    caches.set(db, cache);
  }
  const key = `${groupBy}|${own ?? ''}`;
  const cached = cache.rows.get(key);
  if (cached) return cached;
  const result: (AggregateRow & { version: string })[] = await db.query(
    `WITH v AS (SELECT version::text FROM learning.statements_version)
     SELECT a.*, v.version FROM v LEFT JOIN (
       SELECT ${GROUP_KEYS[groupBy]} AS key, count(DISTINCT s.account_id)::int AS learners,
              count(DISTINCT (s.account_id, s.course_id)) FILTER (WHERE s.verb = 'REGISTERED')::int AS registrations,
              count(DISTINCT (s.account_id, s.course_id)) FILTER (WHERE s.verb IN ('COMPLETED', 'PASSED'))::int AS completions
         FROM learning.statement s JOIN learning.course c ON c.id = s.course_id
        WHERE s.counted AND ($1::uuid IS NULL OR s.organisation_id = $1)
        GROUP BY 1) a ON true
      ORDER BY a.key`,
    [own],
  );
  const rows = result.filter((row) => row.key !== null).map(({ version: _version, ...row }) => row);
  const computedAt = result[0]?.version;
  // Filed only under the version it was computed at; if a write landed in between, the next request recomputes.
  if (computedAt === cache.version) cache.rows.set(key, rows);
  return rows;
}

/**
 * Learners, registrations and completions by theme, organisation or month:
 * across the Academy with small counts suppressed, or for one organisation
 * (`own`) in full.
 */
export async function learningAggregates(db: DataSource, groupBy: LearningGrouping, own: string | null): Promise<LearningAggregate[]> {
  const rows = await aggregateRows(db, groupBy, own);
  // An organisation's own staff see their own figures in full; everyone else sees them suppressed.
  const suppress = (count: number): number | null => (!own && count > 0 && count < SMALL_COUNT_THRESHOLD ? null : count);
  return rows.map((row) => {
    const learners = suppress(row.learners);
    const registrations = learners === null ? null : suppress(row.registrations);
    const completions = learners === null ? null : suppress(row.completions);
    return {
      theme: groupBy === LearningGrouping.THEME ? row.key : null,
      organisation: groupBy === LearningGrouping.ORGANISATION ? refOf(row.key) : null,
      month: groupBy === LearningGrouping.MONTH ? row.key : null,
      learners,
      registrations,
      completions,
      completionRate:
        groupBy !== LearningGrouping.MONTH && registrations && completions !== null ? Math.round((completions / registrations) * 1000) / 1000 : null,
      suppressed: learners === null || registrations === null || completions === null,
    };
  });
}
