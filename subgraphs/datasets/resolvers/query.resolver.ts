import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../shared/errors';
import { PublicCache } from '../../shared/federation';
import { type KeysetOrder, countRows, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { pageWindow, toPage, withTotalCount } from '../../shared/pagination';
import { requireUuid } from '../../shared/validation';
import { Dataset, DatasetConnection } from '../entities/dataset';
import { DatasetSearchResult } from '../entities/dataset-search-result';
import { DatasetsArgs, SearchArgs } from '../inputs';
import type { DatasetsContext } from '../loaders';
import { type SearchRequest, searchPage, validateSearch } from '../search';

const RECENTLY_MODIFIED: KeysetOrder<Dataset> = { by: 'modified', direction: 'DESC' };

@Resolver()
export class QueryResolver {
  @PublicCache(300)
  @Query(() => Dataset, { nullable: true, description: 'A dataset by id; null when there is none.' })
  dataset(
    @Arg('id', () => ID, { description: 'The dataset id (a UUID; BAD_USER_INPUT otherwise).' }) id: string,
    @Ctx() ctx: DatasetsContext,
  ): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(requireUuid(id, 'id'));
  }

  @PublicCache(300)
  @Query(() => DatasetConnection, { description: 'Datasets, most recently modified first.' })
  async datasets(@Args(() => DatasetsArgs) args: DatasetsArgs, @Ctx() ctx: DatasetsContext): Promise<DatasetConnection> {
    const query = keysetQuery(args, RECENTLY_MODIFIED, { theme: args.theme });
    return withTotalCount(pageOf(await loadPage(ctx.db, Dataset, query), query), () => countRows(ctx.db, Dataset, query.equals));
  }

  @PublicCache(300)
  @Query(() => DatasetSearchResult, { description: "Search by simple terms with filters, facets, sorting and paging (as CKAN's package_search)." })
  async searchDatasets(@Args(() => SearchArgs) args: SearchArgs, @Ctx() ctx: DatasetsContext): Promise<DatasetSearchResult> {
    const { limit, after, backward, before } = pageWindow(args);
    const search = { ...validateSearch(args.query, args.filters), sort: args.sort };
    // Ranked results page by position: a result's cursor holds its position, 1 for the best match.
    const positionOf = (cursor: { key: string }, argument: 'after' | 'before', least: number) => {
      const position = Number(cursor.key);
      if (!Number.isSafeInteger(position) || position < least) throw badUserInput(`\`${argument}\` is not a cursor this search returned.`, argument);
      return position;
    };
    if (!backward) {
      const offset = after ? positionOf(after, 'after', 0) : 0;
      const request: SearchRequest = { ...search, limit: limit + 1, offset };
      const rows = await searchPage(ctx.db, request);
      let position = offset;
      // Ranked, so "before" means the `offset` results ranked above this page.
      return { ...toPage(rows, limit, (row) => ({ key: String(++position), id: row.id }), offset > 0), request };
    }
    // Backwards: the `limit` results ranked just above `before` (or the last `limit` of all), which needs the count.
    const { total } = await ctx.loaders.facetsOf.load({ ...search, limit: 0, offset: 0 });
    const end = before ? positionOf(before, 'before', 1) - 1 : total;
    const offset = Math.max(0, end - limit);
    const request: SearchRequest = { ...search, limit: end - offset, offset };
    const rows = request.limit > 0 ? await searchPage(ctx.db, request) : [];
    let position = offset;
    const page = toPage(rows, request.limit, (row) => ({ key: String(++position), id: row.id }), offset > 0);
    return { ...page, pageInfo: { ...page.pageInfo, hasNextPage: before !== null && total > end }, request };
  }
}
