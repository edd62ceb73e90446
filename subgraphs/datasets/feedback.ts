import type { DataSource } from 'typeorm';
import { type Viewer, forbidden, requireSignedIn } from '../shared/auth';
import { badUserInput } from '../shared/errors';
import { selectColumns } from '../shared/rows';
import { requireText, requireUuid } from '../shared/validation';
import type { Dataset } from './entities/dataset';
import { DatasetFeedback } from './entities/dataset-feedback';
import type { AnswerFeedbackInput, SendFeedbackInput } from './inputs';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface FeedbackMessage {
  datasetId: string;
  message: string;
  email: string | null;
}

/** A feedback message, checked; the caller finds the dataset before sending it. */
export function validFeedback(input: SendFeedbackInput): FeedbackMessage {
  const datasetId = requireUuid(input.datasetId, 'datasetId');
  const message = requireText(input.message, 'message', 2000);
  const email = input.contactEmail?.trim() || null;
  if (email && (!EMAIL.test(email) || email.length > 254)) throw badUserInput('`contactEmail` is not an email address.', 'contactEmail');
  return { datasetId, message, email };
}

/** Files feedback on a dataset for its publisher. */
export async function sendFeedback(db: DataSource, viewer: Viewer, dataset: Dataset, feedback: FeedbackMessage): Promise<DatasetFeedback> {
  const [row] = await db.query(
    `INSERT INTO datasets.feedback (dataset_id, publisher_id, message, contact_email, sent_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${selectColumns(db.getMetadata(DatasetFeedback), 'feedback')}`,
    [feedback.datasetId, dataset.publisherId, feedback.message, feedback.email, viewer.subject],
  );
  return db.manager.create(DatasetFeedback, row);
}

/** The publisher's staff answer feedback on their organisation's datasets. */
export async function answerFeedback(db: DataSource, viewer: Viewer, input: AnswerFeedbackInput): Promise<DatasetFeedback> {
  requireSignedIn(viewer);
  if (viewer.role !== 'staff' && viewer.role !== 'partner') throw forbidden();
  const id = requireUuid(input.feedbackId, 'feedbackId');
  const answer = requireText(input.answer, 'answer', 2000);
  // For UPDATE … RETURNING, TypeORM answers [rows, affected]. Another publisher's feedback gets the same answer as none.
  const [[row]] = await db.query(
    `UPDATE datasets.feedback SET answer = $2, answered_by = $3, answered_at = now()
      WHERE id = $1 AND publisher_id = $4 RETURNING ${selectColumns(db.getMetadata(DatasetFeedback), 'feedback')}`,
    [id, answer, viewer.subject, viewer.organisationId],
  );
  if (!row) throw forbidden();
  return db.manager.create(DatasetFeedback, row);
}
