import { Arg, Authorized, Ctx, Field, Int, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { Role } from '../../shared/auth';
import { type EntityRef, refOf } from '../../shared/references';
import type { LearningContext } from '../loaders';
import { OrganisationRef } from './references';

/** Counts below this are not shown, so no one can be picked out of an aggregate. */
export const SMALL_COUNT_THRESHOLD = 10;

export enum LearningGrouping {
  THEME = 'THEME',
  ORGANISATION = 'ORGANISATION',
}
registerEnumType(LearningGrouping, { name: 'LearningGrouping', description: 'What to total learning by.' });

@ObjectType({
  description: `Anonymised learning totals for one group. Counts from 1 to ${SMALL_COUNT_THRESHOLD - 1} are suppressed (null) so that no learner can be identified.`,
})
export class LearningAggregate {
  @Field(() => String, { nullable: true, description: 'The theme, when grouped by THEME.' })
  theme!: string | null;

  @Field(() => OrganisationRef, { nullable: true, description: 'The organisation, when grouped by ORGANISATION.' })
  organisation!: EntityRef | null;

  @Field(() => Int, { nullable: true, description: 'Distinct learners; null when suppressed.' })
  learners!: number | null;

  @Field(() => Int, { nullable: true, description: 'Courses completed or passed (one per learner and course); null when suppressed.' })
  completions!: number | null;

  @Field(() => Boolean, { description: 'Whether any count here was too small to show.' })
  suppressed!: boolean;
}

function suppress(count: number): number | null {
  return count > 0 && count < SMALL_COUNT_THRESHOLD ? null : count;
}

@Resolver()
export class LearningAggregatesResolver {
  @Authorized<Role>('analyst', 'admin', 'staff', 'partner')
  @Query(() => [LearningAggregate], { description: 'Learners and completions across the Academy by theme or organisation, with small counts suppressed.' })
  async learningAggregates(@Arg('groupBy', () => LearningGrouping) groupBy: LearningGrouping, @Ctx() ctx: LearningContext): Promise<LearningAggregate[]> {
    const key = groupBy === LearningGrouping.THEME ? 'c.theme' : 's.organisation_id::text';
    const rows: { key: string; learners: number; completions: number }[] = await ctx.db.query(
      `SELECT ${key} AS key, count(DISTINCT s.account_id)::int AS learners,
              count(DISTINCT (s.account_id, s.course_id)) FILTER (WHERE s.verb IN ('COMPLETED', 'PASSED'))::int AS completions
         FROM learning.statement s JOIN learning.course c ON c.id = s.course_id
        GROUP BY 1 ORDER BY 1`,
    );
    return rows.map((row) => {
      const learners = suppress(row.learners);
      const completions = learners === null ? null : suppress(row.completions);
      return {
        theme: groupBy === LearningGrouping.THEME ? row.key : null,
        organisation: groupBy === LearningGrouping.ORGANISATION ? refOf(row.key) : null,
        learners,
        completions,
        suppressed: learners === null || completions === null,
      };
    });
  }
}
