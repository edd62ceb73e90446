import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { forbidden, isAccountHolder, requireSignedIn } from '../../shared/auth';
import { type KeysetOrder, keysetQuery, pageOf } from '../../shared/keyset';
import { PageArgs } from '../../shared/pagination';
import type { EntityRef } from '../../shared/references';
import { AccountRef } from '../entities/account';
import { Badge } from '../entities/badge';
import { CourseProgress } from '../entities/course-progress';
import { type LearningRecord, LearningRecordConnection } from '../entities/learning-record';
import type { LearningContext } from '../loaders';

const NEWEST_FIRST: KeysetOrder<LearningRecord> = { by: 'timestamp', direction: 'DESC' };

function requireLearnerOrStaff(ctx: LearningContext, account: EntityRef): void {
  requireSignedIn(ctx.viewer);
  if (!isAccountHolder(ctx.viewer, account.id) && !ctx.viewer.organisationId) throw forbidden();
}

@Resolver(() => AccountRef)
export class AccountResolver {
  @FieldResolver(() => LearningRecordConnection, {
    nullable: true,
    description: "This person's learning records, newest first: all of them for the learner, those in their organisation's context for staff.",
  })
  async learningRecords(@Root() account: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: LearningContext) {
    requireSignedIn(ctx.viewer);
    // Voided and voiding statements do not count (xAPI): they are left out of the record.
    let query = keysetQuery(args, NEWEST_FIRST, { counted: true });
    if (!isAccountHolder(ctx.viewer, account.id)) {
      if (!ctx.viewer.organisationId) throw forbidden();
      // Staff see only what their own staff did in their organisation's context.
      query = { ...query, equals: { counted: true, organisationId: ctx.viewer.organisationId } };
    }
    return pageOf(await ctx.loaders.recordsOfAccount.load(query, account.id), query);
  }

  @FieldResolver(() => [CourseProgress], {
    nullable: true,
    description: "Progress per course, most recent first: for the learner, or for staff within their organisation's context.",
  })
  async courseProgress(@Root() account: EntityRef, @Ctx() ctx: LearningContext): Promise<CourseProgress[]> {
    requireLearnerOrStaff(ctx, account);
    const progress = await ctx.loaders.progressOfAccount.load(account.id);
    return Promise.all(progress.map(async ({ courseId, ...rest }) => ({ ...rest, course: (await ctx.loaders.courseById.load(courseId))! })));
  }

  @FieldResolver(() => [Badge], {
    nullable: true,
    description: 'Open Badges earned, oldest first: for the learner, or for staff those earned in their organisation.',
  })
  async badges(@Root() account: EntityRef, @Ctx() ctx: LearningContext): Promise<Badge[]> {
    requireLearnerOrStaff(ctx, account);
    const badges = await ctx.loaders.badgesOfAccount.load(account.id);
    return isAccountHolder(ctx.viewer, account.id) ? badges : badges.filter((badge) => badge.organisationId === ctx.viewer.organisationId);
  }
}
