import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { type Viewer, actsFor, forbidden, requireActsFor } from '../shared/auth';
import { ErrorCode, badUserInput, conflict, notFound } from '../shared/errors';
import { selectColumns } from '../shared/rows';
import { requireUuid } from '../shared/validation';
import { LearningRecord, LearningVerb } from './entities/learning-record';
import type { RecordStatementInput, VoidStatementInput } from './inputs';

/** ISO 8601 durations as xAPI uses them, e.g. PT1H30M, P1D. */
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const COMPLETING: ReadonlySet<LearningVerb> = new Set([LearningVerb.COMPLETED, LearningVerb.PASSED]);

async function loadStatement(db: EntityManager, id: string): Promise<LearningRecord> {
  const [row] = await db.query(`SELECT ${selectColumns(db.connection.getMetadata(LearningRecord), 't')} FROM learning.statement t WHERE t.id = $1`, [id]);
  return db.create(LearningRecord, row);
}

/**
 * Records an xAPI statement. Statements are immutable: the same id with the
 * same content is accepted again without a duplicate; the same id with other
 * content is CONFLICT. A completion issues the learner's badge for the course.
 */
export async function recordStatement(db: DataSource, viewer: Viewer, input: RecordStatementInput): Promise<LearningRecord> {
  const id = requireUuid(input.id, 'id');
  const accountId = requireUuid(input.accountId, 'accountId');
  const courseId = requireUuid(input.courseId, 'courseId');
  const organisationId = requireUuid(input.organisationId, 'organisationId');
  requireActsFor(viewer, organisationId);
  if (input.verb === LearningVerb.VOIDED) throw badUserInput('Void a statement with `voidStatement`.', 'verb');
  const result = input.result ?? {};
  if (result.scoreScaled !== null && result.scoreScaled !== undefined && !(result.scoreScaled >= -1 && result.scoreScaled <= 1)) {
    throw badUserInput('`result.scoreScaled` must be from -1 to 1.', 'result');
  }
  if (result.duration && !DURATION.test(result.duration)) throw badUserInput('`result.duration` must be an ISO 8601 duration, e.g. "PT1H30M".', 'result');
  if (input.timestamp.getTime() > Date.now() + 5 * 60_000) throw badUserInput('`timestamp` is in the future.', 'timestamp');
  const content = {
    accountId,
    verb: input.verb,
    courseId,
    organisationId,
    timestamp: input.timestamp.toISOString(),
    scoreScaled: result.scoreScaled ?? null,
    success: result.success ?? null,
    completion: result.completion ?? null,
    duration: result.duration ?? null,
  };
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return db.transaction(async (tx) => {
    const [course] = await tx.query(`SELECT 1 FROM learning.course WHERE id = $1`, [courseId]);
    if (!course) throw notFound('Course');
    const inserted = await tx.query(
      `INSERT INTO learning.statement (id, account_id, verb, course_id, organisation_id, score_scaled, success, completion, duration, timestamp, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, accountId, input.verb, courseId, organisationId, content.scoreScaled, content.success, content.completion, content.duration, input.timestamp, hash],
    );
    if (inserted.length === 0) {
      const [existing] = await tx.query(`SELECT content_hash FROM learning.statement WHERE id = $1`, [id]);
      if (existing.content_hash !== hash) throw conflict('A different statement with this id has already been recorded; statements are immutable.');
      return loadStatement(tx, id);
    }
    if (COMPLETING.has(input.verb)) {
      await tx.query(
        `INSERT INTO learning.badge (account_id, course_id, organisation_id, statement_id, issued_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id, course_id) DO UPDATE SET statement_id = EXCLUDED.statement_id, revoked_at = NULL
           WHERE learning.badge.revoked_at IS NOT NULL`,
        [accountId, courseId, organisationId, id, input.timestamp],
      );
    }
    return loadStatement(tx, id);
  });
}

/**
 * Voids a statement with a new VOIDED statement (xAPI): the old one stays,
 * marked, and no longer counts. A badge it earned is revoked unless another
 * completion of the course stands.
 */
export async function voidStatement(db: DataSource, viewer: Viewer, input: VoidStatementInput): Promise<LearningRecord> {
  const id = requireUuid(input.id, 'id');
  const targetId = requireUuid(input.statementId, 'statementId');
  return db.transaction(async (tx) => {
    const [target] = await tx.query(`SELECT account_id, organisation_id, course_id, verb, voided_by FROM learning.statement WHERE id = $1 FOR UPDATE`, [
      targetId,
    ]);
    if (!target || !actsFor(viewer, target.organisation_id)) throw forbidden();
    if (target.verb === LearningVerb.VOIDED) throw badUserInput('A voiding statement cannot itself be voided.', 'statementId');
    if (target.voided_by === id) return loadStatement(tx, id);
    if (target.voided_by) {
      throw new GraphQLError('That statement has already been voided.', { extensions: { code: ErrorCode.CONFLICT, voidedBy: target.voided_by } });
    }
    const inserted = await tx.query(
      `INSERT INTO learning.statement (id, account_id, verb, organisation_id, voids, timestamp, content_hash)
       VALUES ($1, $2, 'VOIDED', $3, $4, now(), $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, target.account_id, target.organisation_id, targetId, `void:${targetId}`],
    );
    if (inserted.length === 0) throw conflict('A different statement with this id has already been recorded.');
    await tx.query(`UPDATE learning.statement SET voided_by = $2 WHERE id = $1`, [targetId, id]);
    // Re-point the badge at another standing completion, or revoke it.
    await tx.query(
      `UPDATE learning.badge b SET
          statement_id = coalesce(other.id, b.statement_id),
          revoked_at = CASE WHEN other.id IS NULL THEN now() END
        FROM (SELECT (SELECT s.id FROM learning.statement s
                       WHERE s.account_id = $1 AND s.course_id = $2 AND s.counted AND s.verb IN ('COMPLETED', 'PASSED')
                       ORDER BY s.timestamp LIMIT 1) AS id) other
       WHERE b.account_id = $1 AND b.course_id = $2 AND b.statement_id = $3`,
      [target.account_id, target.course_id, targetId],
    );
    return loadStatement(tx, id);
  });
}
