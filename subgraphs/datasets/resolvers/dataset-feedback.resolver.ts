import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Dataset } from '../entities/dataset';
import { DatasetFeedback } from '../entities/dataset-feedback';
import type { DatasetsContext } from '../loaders';

@Resolver(() => DatasetFeedback)
export class DatasetFeedbackResolver {
  @FieldResolver(() => Dataset, { description: 'The dataset it is about.' })
  async dataset(@Root() feedback: DatasetFeedback, @Ctx() ctx: DatasetsContext): Promise<Dataset> {
    return (await ctx.loaders.datasetById.load(feedback.datasetId))!;
  }
}
