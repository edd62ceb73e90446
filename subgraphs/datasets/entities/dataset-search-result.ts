import { ObjectType } from 'type-graphql';
import { Connection } from '../../shared/pagination';
import type { SearchRequest } from '../search';
import { Dataset } from './dataset';

@ObjectType({ description: 'A page of search results, with the total and facet counts over all matches.' })
export class DatasetSearchResult extends Connection(Dataset) {
  /** What was asked, so `total` and `facets` can be computed for the same search. */
  request!: SearchRequest;
}
