import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { PublicCache } from '../../shared/federation';
import { DatasetFacets } from '../entities/dataset-facets';
import { DatasetSearchResult } from '../entities/dataset-search-result';
import type { DatasetsContext } from '../loaders';

@Resolver(() => DatasetSearchResult)
export class DatasetSearchResultResolver {
  @PublicCache(300)
  @FieldResolver(() => Int, {
    description: 'How many datasets match, over all pages (what other lists call `totalCount`); counted with the facets, in one statement.',
  })
  async total(@Root() result: DatasetSearchResult, @Ctx() ctx: DatasetsContext): Promise<number> {
    return (await ctx.loaders.facetsOf.load(result.request)).total;
  }

  @PublicCache(300)
  @FieldResolver(() => DatasetFacets, { description: 'Counts over all matches (not just this page) for building filter menus.' })
  async facets(@Root() result: DatasetSearchResult, @Ctx() ctx: DatasetsContext): Promise<DatasetFacets> {
    return (await ctx.loaders.facetsOf.load(result.request)).facets;
  }
}
