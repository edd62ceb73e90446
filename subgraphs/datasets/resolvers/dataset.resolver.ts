import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { requireActsFor } from '../../shared/auth';
import { badUserInput } from '../../shared/errors';
import { PublicCache } from '../../shared/federation';
import { type EntityRef, refOf } from '../../shared/references';
import { ContactPoint } from '../entities/contact-point';
import { Dataset } from '../entities/dataset';
import { DatasetFeedback } from '../entities/dataset-feedback';
import { DatasetRecommendation } from '../entities/dataset-recommendation';
import { Distribution } from '../entities/distribution';
import { OrganisationRef } from '../entities/organisation';
import type { DatasetsContext } from '../loaders';

@Resolver(() => Dataset)
export class DatasetResolver {
  @PublicCache(300)
  @FieldResolver(() => OrganisationRef, { description: 'dct:publisher: the organisation that publishes it.' })
  publisher(@Root() dataset: Dataset): EntityRef {
    return refOf(dataset.publisherId);
  }

  @PublicCache(300)
  @FieldResolver(() => ContactPoint, { description: 'Who to ask about it (dcat:contactPoint).' })
  contactPoint(@Root() dataset: Dataset): ContactPoint {
    return { name: dataset.contactName, email: dataset.contactEmail };
  }

  @PublicCache(300)
  @FieldResolver(() => [DatasetRecommendation], { description: 'Datasets like this one, best first, with the reasons; never itself.' })
  recommendations(
    @Root() dataset: Dataset,
    @Arg('first', () => Int, { defaultValue: 5, description: '1 to 20.' }) first: number,
    @Ctx() ctx: DatasetsContext,
  ): Promise<DatasetRecommendation[]> {
    if (!Number.isInteger(first) || first < 1 || first > 20) throw badUserInput('`first` must be from 1 to 20.', 'first');
    return ctx.loaders.recommendationsOf.load(first, dataset.id);
  }

  @FieldResolver(() => [DatasetFeedback], { nullable: true, description: "Feedback sent about this dataset, newest first: for the publisher's staff." })
  feedback(@Root() dataset: Dataset, @Ctx() ctx: DatasetsContext): Promise<DatasetFeedback[]> {
    requireActsFor(ctx.viewer, dataset.publisherId);
    return ctx.loaders.feedbackOfDataset.load(dataset.id);
  }

  @PublicCache(300)
  @FieldResolver(() => [Distribution], { description: 'dcat:distribution: the downloads and APIs.' })
  distributions(@Root() dataset: Dataset, @Ctx() ctx: DatasetsContext): Promise<Distribution[]> {
    return ctx.loaders.distributionsOfDataset.load(dataset.id);
  }
}

export function resolveDatasetReference(reference: EntityRef, ctx: DatasetsContext) {
  return ctx.loaders.datasetById.load(reference.id);
}
