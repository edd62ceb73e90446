import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';
import { OrganisationRef } from './organisation';

/** Counts below this are not shown, so no one can be picked out of an aggregate. */
export const SMALL_COUNT_THRESHOLD = 10;

@ObjectType({
  description: `Anonymised learning totals for one group. Outside an organisation's own figures, counts from 1 to ${SMALL_COUNT_THRESHOLD - 1} are suppressed (null) so that no learner can be identified.`,
})
export class LearningAggregate {
  @Field(() => String, { nullable: true, description: 'The theme, when grouped by THEME.' })
  theme!: string | null;

  @Field(() => OrganisationRef, { nullable: true, description: 'The organisation, when grouped by ORGANISATION.' })
  organisation!: EntityRef | null;

  @Field(() => String, { nullable: true, description: 'The month in UK time, "YYYY-MM", when grouped by MONTH.' })
  month!: string | null;

  @Field(() => Int, { nullable: true, description: 'Distinct learners; null when suppressed.' })
  learners!: number | null;

  @Field(() => Int, { nullable: true, description: 'Course registrations (one per learner and course); null when suppressed.' })
  registrations!: number | null;

  @Field(() => Int, { nullable: true, description: 'Courses completed or passed (one per learner and course); null when suppressed.' })
  completions!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Completions per registration, 0 to 1, by THEME or ORGANISATION; null when either count is suppressed, and by MONTH, where a course completed this month was often registered for in an earlier one.',
  })
  completionRate!: number | null;

  @Field(() => Boolean, { description: 'Whether any count here was too small to show.' })
  suppressed!: boolean;
}
