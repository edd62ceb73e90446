import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PublicCache } from '../../shared/federation';
import { Connection } from '../../shared/pagination';

export const OPEN_GOVERNMENT_LICENCE = 'OGL-UK-3.0';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A published dataset, described with DCAT (as on statistics.gov.scot and find.data.gov.scot).' })
@Entity({ name: 'dataset' })
export class Dataset {
  @PublicCache(300)
  @Field(() => ID, { description: "The dataset's id (a UUID); `slug` is the readable name for URLs." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'A short, stable name for URLs, e.g. "population-estimates-2011-datazone".' })
  @Column({ type: 'text' })
  slug!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'The title to show (dct:title).' })
  @Column({ type: 'text' })
  title!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'What the dataset holds, in plain text paragraphs (dct:description).' })
  @Column({ type: 'text' })
  description!: string;

  @PublicCache(300)
  @Field(() => [String], { description: 'Keywords for search and tagging, lower case (dcat:keyword).' })
  @Column({ type: 'text', array: true })
  keywords!: string[];

  @PublicCache(300)
  @Field(() => String, { description: 'dcat:theme, e.g. "Population", "Health and Social Care".' })
  @Column({ type: 'text' })
  theme!: string;

  @Column({ type: 'uuid', name: 'publisher_id' })
  publisherId!: string;

  @Column({ type: 'text', name: 'contact_name' })
  contactName!: string;

  @Column({ type: 'text', name: 'contact_email' })
  contactEmail!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'dct:accrualPeriodicity, e.g. "ANNUAL", "QUARTERLY", "MONTHLY".' })
  @Column({ type: 'text', name: 'update_frequency' })
  updateFrequency!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'dct:license, as an SPDX-style id; by default the Open Government Licence v3.' })
  @Column({ type: 'text' })
  licence!: string;

  @PublicCache(300)
  @Field(() => Date, { description: 'When it was first published (ISO 8601, UTC; dct:issued).' })
  @Column({ type: 'timestamptz', precision: 3 })
  issued!: Date;

  @PublicCache(300)
  @Field(() => Date, { description: 'When its data last changed (ISO 8601, UTC; dct:modified).' })
  @Column({ type: 'timestamptz', precision: 3 })
  modified!: Date;
}

@ObjectType({ description: 'A page of datasets.' })
export class DatasetConnection extends Connection(Dataset, { counted: true }) {}
