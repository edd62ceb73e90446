import type { SeedScale } from '../runtime/config';

export interface SeedPlan {
  /** Generated public bodies beyond the real catalogue, so learners come from 350 organisations at full scale. */
  extraOrganisations: number;
  accounts: number;
  payments: number;
  learners: number;
  statementsPerLearner: number;
}

/**
 * `default` is a small realistic slice that loads in seconds; `full` is the
 * scale in the 2021-24 progress report: 2.4 million accounts, 14,000 learners
 * from 350 organisations, outbound payments of more than £22 million.
 */
export const SEED_PLANS: Record<Exclude<SeedScale, 'none'>, SeedPlan> = {
  default: { extraOrganisations: 0, accounts: 2_000, payments: 6_000, learners: 600, statementsPerLearner: 6 },
  full: { extraOrganisations: 293, accounts: 2_400_000, payments: 600_000, learners: 14_000, statementsPerLearner: 8 },
};
