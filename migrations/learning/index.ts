import { LearningInitial1764000000000 } from './1764000000000-LearningInitial';
import { StatementsAndBadges1764400000000 } from './1764400000000-StatementsAndBadges';
import { StatementsVersion1764500000000 } from './1764500000000-StatementsVersion';

/** In the order they apply. */
export const learningMigrations = [LearningInitial1764000000000, StatementsAndBadges1764400000000, StatementsVersion1764500000000];
