import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { notFound } from '../../shared/errors';
import { DatasetFeedback } from '../entities/dataset-feedback';
import { answerFeedback, sendFeedback, validFeedback } from '../feedback';
import { AnswerFeedbackInput, SendFeedbackInput } from '../inputs';
import type { DatasetsContext } from '../loaders';

@Resolver()
export class MutationResolver {
  @Mutation(() => DatasetFeedback, { description: 'Anyone may send feedback on a published dataset; it goes to the publisher.' })
  async sendDatasetFeedback(
    @Arg('input', () => SendFeedbackInput, { description: 'The dataset and your message.' }) input: SendFeedbackInput,
    @Ctx() ctx: DatasetsContext,
  ): Promise<DatasetFeedback> {
    const feedback = validFeedback(input);
    const dataset = await ctx.loaders.datasetById.load(feedback.datasetId);
    if (!dataset) throw notFound('Dataset');
    return sendFeedback(ctx.db, ctx.viewer, dataset, feedback);
  }

  @Mutation(() => DatasetFeedback, { description: "The publisher's staff answer feedback." })
  answerDatasetFeedback(
    @Arg('input', () => AnswerFeedbackInput, { description: 'The feedback and your answer.' }) input: AnswerFeedbackInput,
    @Ctx() ctx: DatasetsContext,
  ): Promise<DatasetFeedback> {
    return answerFeedback(ctx.db, ctx.viewer, input);
  }
}
