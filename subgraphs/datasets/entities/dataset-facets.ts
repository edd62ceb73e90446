import { Field, ObjectType } from 'type-graphql';
import { PublicCache } from '../../shared/federation';
import { FacetCount } from './facet-count';
import { PublisherFacetCount } from './publisher-facet-count';

@ObjectType({ description: "Counts over all matching datasets, for filter menus (as CKAN's search facets)." })
export class DatasetFacets {
  @PublicCache(300)
  @Field(() => [FacetCount], { description: 'Matching datasets per theme, most first (ties A to Z); pass a value in `filters.themes`.' })
  themes!: FacetCount[];

  @PublicCache(300)
  @Field(() => [PublisherFacetCount], { description: 'Matching datasets per publisher, most first; pass `publisher.id` in `filters.publisherIds`.' })
  publishers!: PublisherFacetCount[];

  @PublicCache(300)
  @Field(() => [FacetCount], { description: 'A dataset with several formats counts once in each.' })
  formats!: FacetCount[];

  @PublicCache(300)
  @Field(() => [FacetCount], { description: 'Matching datasets per licence, most first; pass a value in `filters.licences`.' })
  licences!: FacetCount[];
}
