import { DatasetsInitial1764000000000 } from './1764000000000-DatasetsInitial';

/** In the order they apply. */
export const datasetsMigrations = [DatasetsInitial1764000000000];
