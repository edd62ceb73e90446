import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { forbidden, requireActsFor, requireSignedIn } from '../../shared/auth';
import { badUserInput, notFound } from '../../shared/errors';
import { requireText, requireUuid } from '../../shared/validation';
import { type KeysetOrder, keysetQuery, pageOf } from '../../shared/keyset';
import { selectColumns } from '../../shared/rows';
import { Connection, PageArgs } from '../../shared/pagination';
import type { EntityRef } from '../../shared/references';
import { Dataset } from '../entities/dataset';
import { DatasetFeedback } from '../entities/feedback';
import type { DatasetsContext } from '../loaders';
import { OrganisationRef } from './references';

@InputType({ description: 'A message to the publisher of a dataset: a mistake, a question, a wish.' })
class SendFeedbackInput {
  @Field(() => ID)
  datasetId!: string;

  @Field(() => String, { description: '1 to 2,000 characters.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Where to answer, if you want an answer.' })
  contactEmail?: string | null;
}

@InputType()
class AnswerFeedbackInput {
  @Field(() => ID)
  feedbackId!: string;

  @Field(() => String, { description: '1 to 2,000 characters.' })
  answer!: string;
}

@ObjectType({ description: 'A page of feedback, newest first.' })
export class DatasetFeedbackConnection extends Connection(DatasetFeedback) {}

const NEWEST_FIRST: KeysetOrder<DatasetFeedback> = { by: 'sentAt', direction: 'DESC' };
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

@Resolver(() => DatasetFeedback)
export class DatasetFeedbackResolver {
  @Mutation(() => DatasetFeedback, { description: 'Anyone may send feedback on a published dataset; it goes to the publisher.' })
  async sendDatasetFeedback(@Arg('input', () => SendFeedbackInput) input: SendFeedbackInput, @Ctx() ctx: DatasetsContext): Promise<DatasetFeedback> {
    const datasetId = requireUuid(input.datasetId, 'datasetId');
    const message = requireText(input.message, 'message', 2000);
    const email = input.contactEmail?.trim() || null;
    if (email && (!EMAIL.test(email) || email.length > 254)) throw badUserInput('`contactEmail` is not an email address.', 'contactEmail');
    const dataset = await ctx.loaders.datasetById.load(datasetId);
    if (!dataset) throw notFound('Dataset');
    const [row] = await ctx.db.query(
      `INSERT INTO datasets.feedback (dataset_id, publisher_id, message, contact_email, sent_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${selectColumns(ctx.db.getMetadata(DatasetFeedback), 'feedback')}`,
      [datasetId, dataset.publisherId, message, email, ctx.viewer.subject],
    );
    return ctx.db.manager.create(DatasetFeedback, row);
  }

  @Mutation(() => DatasetFeedback, { description: 'The publisher\'s staff answer feedback.' })
  async answerDatasetFeedback(@Arg('input', () => AnswerFeedbackInput) input: AnswerFeedbackInput, @Ctx() ctx: DatasetsContext): Promise<DatasetFeedback> {
    requireSignedIn(ctx.viewer);
    if (ctx.viewer.role !== 'staff' && ctx.viewer.role !== 'partner') throw forbidden();
    const id = requireUuid(input.feedbackId, 'feedbackId');
    const answer = requireText(input.answer, 'answer', 2000);
    // For UPDATE … RETURNING, TypeORM answers [rows, affected]. Another publisher's feedback gets the same answer as none.
    const [[row]] = await ctx.db.query(
      `UPDATE datasets.feedback SET answer = $2, answered_by = $3, answered_at = now()
        WHERE id = $1 AND publisher_id = $4 RETURNING ${selectColumns(ctx.db.getMetadata(DatasetFeedback), 'feedback')}`,
      [id, answer, ctx.viewer.subject, ctx.viewer.organisationId],
    );
    if (!row) throw forbidden();
    return ctx.db.manager.create(DatasetFeedback, row);
  }

  @FieldResolver(() => Dataset, { description: 'The dataset it is about.' })
  async dataset(@Root() feedback: DatasetFeedback, @Ctx() ctx: DatasetsContext): Promise<Dataset> {
    return (await ctx.loaders.datasetById.load(feedback.datasetId))!;
  }
}

@Resolver(() => OrganisationRef)
export class PublisherFeedbackResolver {
  @FieldResolver(() => DatasetFeedbackConnection, { nullable: true, description: 'Feedback on this organisation\'s datasets, newest first: for its staff.' })
  async datasetFeedback(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: DatasetsContext) {
    requireActsFor(ctx.viewer, organisation.id);
    const query = keysetQuery(args, NEWEST_FIRST);
    return pageOf(await ctx.loaders.feedbackOfPublisher.load(query, organisation.id), query);
  }
}
