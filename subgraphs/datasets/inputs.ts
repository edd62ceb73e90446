import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { BidirectionalPageArgs, PageArgs } from '../shared/pagination';

export enum DatasetSort {
  RELEVANCE = 'RELEVANCE',
  MODIFIED = 'MODIFIED',
  TITLE = 'TITLE',
}
registerEnumType(DatasetSort, {
  name: 'DatasetSort',
  description: 'The order of search results.',
  valuesConfig: {
    RELEVANCE: { description: 'Best match first (most recently modified first when there is no query).' },
    MODIFIED: { description: 'Most recently modified first.' },
    TITLE: { description: 'A to Z by title.' },
  },
});

@InputType({ description: 'Narrow a search; within a list any value matches, across lists all must.' })
export class DatasetFilters {
  @Field(() => [String], { nullable: true, description: 'Themes (`DatasetFacets.themes` values), e.g. "Population".' })
  themes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Publishing organisations' ids." })
  publisherIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Distribution formats, e.g. "CSV".' })
  formats?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Licence ids, e.g. "OGL-UK-3.0".' })
  licences?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Only datasets modified at or after this instant.' })
  updatedSince?: Date | null;
}

@ArgsType()
export class DatasetsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only datasets with this theme.' })
  theme?: string | null;
}

@ArgsType()
export class SearchArgs extends BidirectionalPageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'What to look for, in plain words (the last word also matches as a prefix); "quoted phrases" and -exclusions work. Leave out to browse.',
  })
  query?: string | null;

  @Field(() => DatasetFilters, { nullable: true, description: 'Narrow the matches; the facets are counted after filtering.' })
  filters?: DatasetFilters | null;

  @Field(() => DatasetSort, { defaultValue: DatasetSort.RELEVANCE, description: 'The order of results.' })
  sort: DatasetSort = DatasetSort.RELEVANCE;
}

@InputType({ description: 'A message to the publisher of a dataset: a mistake, a question, a wish.' })
export class SendFeedbackInput {
  @Field(() => ID, { description: 'The dataset it is about (a UUID).' })
  datasetId!: string;

  @Field(() => String, { description: '1 to 2,000 characters.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Where to answer, if you want an answer.' })
  contactEmail?: string | null;
}

@InputType({ description: "The publisher's answer to feedback on one of its datasets." })
export class AnswerFeedbackInput {
  @Field(() => ID, { description: "The feedback to answer (`DatasetFeedback.id`); it must be about your organisation's dataset." })
  feedbackId!: string;

  @Field(() => String, { description: '1 to 2,000 characters.' })
  answer!: string;
}
