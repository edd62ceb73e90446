import { LearningInitial1764000000000 } from './1764000000000-LearningInitial';

/** In the order they apply. */
export const learningMigrations = [LearningInitial1764000000000];
