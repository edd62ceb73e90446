import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireActsFor } from '../../shared/auth';
import { PublicCache } from '../../shared/federation';
import { type KeysetOrder, keysetQuery, pageOf } from '../../shared/keyset';
import { PageArgs } from '../../shared/pagination';
import type { EntityRef } from '../../shared/references';
import { type Dataset, DatasetConnection } from '../entities/dataset';
import { type DatasetFeedback, DatasetFeedbackConnection } from '../entities/dataset-feedback';
import { OrganisationRef } from '../entities/organisation';
import type { DatasetsContext } from '../loaders';

const RECENTLY_MODIFIED: KeysetOrder<Dataset> = { by: 'modified', direction: 'DESC' };
const NEWEST_FIRST: KeysetOrder<DatasetFeedback> = { by: 'sentAt', direction: 'DESC' };

@Resolver(() => OrganisationRef)
export class OrganisationResolver {
  @PublicCache(300)
  @FieldResolver(() => DatasetConnection, { nullable: true, description: 'The datasets this organisation publishes, most recently modified first.' })
  async datasets(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: DatasetsContext) {
    const query = keysetQuery(args, RECENTLY_MODIFIED);
    return pageOf(await ctx.loaders.datasetsOfPublisher.load(query, organisation.id), query);
  }

  @FieldResolver(() => DatasetFeedbackConnection, { nullable: true, description: "Feedback on this organisation's datasets, newest first: for its staff." })
  async datasetFeedback(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: DatasetsContext) {
    requireActsFor(ctx.viewer, organisation.id);
    const query = keysetQuery(args, NEWEST_FIRST);
    return pageOf(await ctx.loaders.feedbackOfPublisher.load(query, organisation.id), query);
  }
}
