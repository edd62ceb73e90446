import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PublicCache } from '../../shared/federation';

@ObjectType({ description: 'One way to get a dataset (dcat:Distribution): a download or an API.' })
@Entity({ name: 'distribution' })
export class Distribution {
  @PublicCache(300)
  @Field(() => ID, { description: "The distribution's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'dataset_id' })
  datasetId!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'What this download or API is, e.g. "Population estimates 2021 (CSV)".' })
  @Column({ type: 'text' })
  title!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'Where to download it or call it (dcat:accessURL): an absolute https URL.' })
  @Column({ type: 'text', name: 'access_url' })
  accessUrl!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'dct:format, e.g. "CSV", "JSON-LD", "XLSX", "SPARQL".' })
  @Column({ type: 'text' })
  format!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'dct:license of this distribution.' })
  @Column({ type: 'text' })
  licence!: string;
}
