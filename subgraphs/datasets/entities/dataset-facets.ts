import { Field, ObjectType } from 'type-graphql';
import { FacetCount } from './facet-count';
import { PublisherFacetCount } from './publisher-facet-count';

@ObjectType({ description: "Counts over all matching datasets, for filter menus (as CKAN's search facets)." })
export class DatasetFacets {
  @Field(() => [FacetCount])
  themes!: FacetCount[];

  @Field(() => [PublisherFacetCount])
  publishers!: PublisherFacetCount[];

  @Field(() => [FacetCount], { description: 'A dataset with several formats counts once in each.' })
  formats!: FacetCount[];

  @Field(() => [FacetCount])
  licences!: FacetCount[];
}
