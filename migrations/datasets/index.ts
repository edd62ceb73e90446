import { DatasetsInitial1764000000000 } from './1764000000000-DatasetsInitial';
import { DatasetFeedback1764300000000 } from './1764300000000-DatasetFeedback';

/** In the order they apply. */
export const datasetsMigrations = [DatasetsInitial1764000000000, DatasetFeedback1764300000000];
