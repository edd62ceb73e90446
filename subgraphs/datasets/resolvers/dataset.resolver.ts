import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, requireUuid } from '../../shared/errors';
import { type KeysetOrder, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { Connection, PageArgs, pageWindow, toPage } from '../../shared/pagination';
import { type EntityRef, refOf } from '../../shared/references';
import { Dataset } from '../entities/dataset';
import { Distribution } from '../entities/distribution';
import type { DatasetsContext } from '../loaders';
import { OrganisationRef } from './references';
import { searchDatasets } from './search';

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
  @Field(() => String, { description: 'What to look for, in plain words; "quoted phrases" and -exclusions work.' })
  query!: string;
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

  @Query(() => DatasetConnection, { description: 'Datasets matching simple search terms, best match first.' })
  async searchDatasets(@Args(() => SearchArgs) args: SearchArgs, @Ctx() ctx: DatasetsContext): Promise<DatasetConnection> {
    const { limit, after } = pageWindow(args);
    // Ranked results page by position: the cursor holds the offset of the next result.
    const offset = after ? Number(after.key) : 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw badUserInput('`after` is not a cursor this search returned.', 'after');
    const rows = await searchDatasets(ctx.db, args.query, limit + 1, offset);
    let position = offset;
    return toPage(rows, limit, (row) => ({ key: String(++position), id: row.id }));
  }

  @FieldResolver(() => OrganisationRef, { description: 'dct:publisher: the organisation that publishes it.' })
  publisher(@Root() dataset: Dataset): EntityRef {
    return refOf(dataset.publisherId);
  }

  @FieldResolver(() => ContactPoint)
  contactPoint(@Root() dataset: Dataset): ContactPoint {
    return { name: dataset.contactName, email: dataset.contactEmail };
  }

  @FieldResolver(() => [Distribution], { description: 'dcat:distribution: the downloads and APIs.' })
  distributions(@Root() dataset: Dataset, @Ctx() ctx: DatasetsContext): Promise<Distribution[]> {
    return ctx.loaders.distributionsOfDataset.load(dataset.id);
  }
}

@Resolver(() => OrganisationRef)
export class PublisherDatasetsResolver {
  @FieldResolver(() => DatasetConnection, { description: 'The datasets this organisation publishes, most recently modified first.' })
  async datasets(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: DatasetsContext) {
    const query = keysetQuery(args, RECENTLY_MODIFIED);
    return pageOf(await ctx.loaders.datasetsOfPublisher.load(query, organisation.id), query);
  }
}
