import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../shared/errors';
import { requireUuid } from '../../shared/validation';
import { type KeysetOrder, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { Connection, PageArgs, pageWindow, toPage } from '../../shared/pagination';
import { type EntityRef, refOf } from '../../shared/references';
import { Dataset } from '../entities/dataset';
import { Distribution } from '../entities/distribution';
import type { DatasetsContext } from '../loaders';
import { OrganisationRef } from './references';
import { DatasetFeedback } from '../entities/feedback';
import { DatasetRecommendation } from './recommendations';
import { DatasetFacets, DatasetFilters, DatasetSort, type SearchRequest, searchPage, validateSearch } from './search';
import { requireActsFor } from '../../shared/auth';

@ObjectType({ description: 'A page of datasets.' })
export class DatasetConnection extends Connection(Dataset) {}

@ObjectType({ description: 'Who to ask about a dataset (dcat:contactPoint).' })
export class ContactPoint {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;
}

@ArgsType()
class DatasetsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only datasets with this theme.' })
  theme?: string | null;
}

@ArgsType()
class SearchArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'What to look for, in plain words (the last word also matches as a prefix); "quoted phrases" and -exclusions work. Leave out to browse.',
  })
  query?: string | null;

  @Field(() => DatasetFilters, { nullable: true })
  filters?: DatasetFilters | null;

  @Field(() => DatasetSort, { defaultValue: DatasetSort.RELEVANCE })
  sort: DatasetSort = DatasetSort.RELEVANCE;
}

@ObjectType({ description: 'A page of search results, with the total and facet counts over all matches.' })
export class DatasetSearchResult extends Connection(Dataset) {
  request!: SearchRequest;
}

const RECENTLY_MODIFIED: KeysetOrder<Dataset> = { by: 'modified', direction: 'DESC' };

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => Dataset, { nullable: true, description: 'A dataset by id; null when there is none.' })
  dataset(@Arg('id', () => ID) id: string, @Ctx() ctx: DatasetsContext): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(requireUuid(id, 'id'));
  }

  @Query(() => DatasetConnection, { description: 'Datasets, most recently modified first.' })
  async datasets(@Args(() => DatasetsArgs) args: DatasetsArgs, @Ctx() ctx: DatasetsContext): Promise<DatasetConnection> {
    const query = keysetQuery(args, RECENTLY_MODIFIED, { theme: args.theme });
    return pageOf(await loadPage(ctx.db, Dataset, query), query);
  }

  @Query(() => DatasetSearchResult, { description: 'Search by simple terms with filters, facets, sorting and paging (as CKAN\'s package_search).' })
  async searchDatasets(@Args(() => SearchArgs) args: SearchArgs, @Ctx() ctx: DatasetsContext): Promise<DatasetSearchResult> {
    const { limit, after } = pageWindow(args);
    // Ranked results page by position: the cursor holds the offset of the next result.
    const offset = after ? Number(after.key) : 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw badUserInput('`after` is not a cursor this search returned.', 'after');
    const request: SearchRequest = { ...validateSearch(args.query, args.filters), sort: args.sort, limit: limit + 1, offset };
    const rows = await searchPage(ctx.db, request);
    let position = offset;
    return { ...toPage(rows, limit, (row) => ({ key: String(++position), id: row.id })), request };
  }

  @FieldResolver(() => OrganisationRef, { description: 'dct:publisher: the organisation that publishes it.' })
  publisher(@Root() dataset: Dataset): EntityRef {
    return refOf(dataset.publisherId);
  }

  @FieldResolver(() => ContactPoint)
  contactPoint(@Root() dataset: Dataset): ContactPoint {
    return { name: dataset.contactName, email: dataset.contactEmail };
  }

  @FieldResolver(() => [DatasetRecommendation], { description: 'Datasets like this one, best first, with the reasons; never itself.' })
  recommendations(
    @Root() dataset: Dataset,
    @Arg('first', () => Int, { defaultValue: 5, description: '1 to 20.' }) first: number,
    @Ctx() ctx: DatasetsContext,
  ): Promise<DatasetRecommendation[]> {
    if (!Number.isInteger(first) || first < 1 || first > 20) throw badUserInput('`first` must be from 1 to 20.', 'first');
    return ctx.loaders.recommendationsOf.load(first, dataset.id);
  }

  @FieldResolver(() => [DatasetFeedback], { nullable: true, description: 'Feedback sent about this dataset, newest first: for the publisher\'s staff.' })
  feedback(@Root() dataset: Dataset, @Ctx() ctx: DatasetsContext): Promise<DatasetFeedback[]> {
    requireActsFor(ctx.viewer, dataset.publisherId);
    return ctx.loaders.feedbackOfDataset.load(dataset.id);
  }

  @FieldResolver(() => [Distribution], { description: 'dcat:distribution: the downloads and APIs.' })
  distributions(@Root() dataset: Dataset, @Ctx() ctx: DatasetsContext): Promise<Distribution[]> {
    return ctx.loaders.distributionsOfDataset.load(dataset.id);
  }
}

@Resolver(() => DatasetSearchResult)
export class DatasetSearchResultResolver {
  @FieldResolver(() => Int, { description: 'How many datasets match, over all pages.' })
  async total(@Root() result: DatasetSearchResult, @Ctx() ctx: DatasetsContext): Promise<number> {
    return (await ctx.loaders.facetsOf.load(result.request)).total;
  }

  @FieldResolver(() => DatasetFacets)
  async facets(@Root() result: DatasetSearchResult, @Ctx() ctx: DatasetsContext): Promise<DatasetFacets> {
    return (await ctx.loaders.facetsOf.load(result.request)).facets;
  }
}

@Resolver(() => OrganisationRef)
export class PublisherDatasetsResolver {
  @FieldResolver(() => DatasetConnection, { nullable: true, description: 'The datasets this organisation publishes, most recently modified first.' })
  async datasets(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: DatasetsContext) {
    const query = keysetQuery(args, RECENTLY_MODIFIED);
    return pageOf(await ctx.loaders.datasetsOfPublisher.load(query, organisation.id), query);
  }
}
