import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { type Role, forbidden, isAccountHolder, requireSignedIn } from '../../shared/auth';
import type { EntityRef } from '../../shared/references';
import { BADGE_ISSUER, Badge } from '../entities/badge';
import { Course } from '../entities/course';
import { LearningRecord } from '../entities/learning-record';
import type { LearningContext } from '../loaders';
import { recordStatement, voidStatement } from '../statements';
import { CourseProgress } from './progress';
import { AccountRef } from './references';
import { RecordStatementInput, VoidStatementInput } from './statement-inputs';

/** Statements come from learning services acting for the learner's organisation (staff or partner tokens). */
@Resolver()
export class StatementMutations {
  @Authorized<Role>('staff', 'partner')
  @Mutation(() => LearningRecord, { description: 'Records an xAPI statement; re-sending the same statement is safe, a different one with the same id is CONFLICT.' })
  recordStatement(@Arg('input', () => RecordStatementInput) input: RecordStatementInput, @Ctx() ctx: LearningContext): Promise<LearningRecord> {
    return recordStatement(ctx.db, ctx.viewer, input);
  }

  @Authorized<Role>('staff', 'partner')
  @Mutation(() => LearningRecord, { description: 'Voids a wrong statement with a new VOIDED statement; returns the voiding statement.' })
  voidStatement(@Arg('input', () => VoidStatementInput) input: VoidStatementInput, @Ctx() ctx: LearningContext): Promise<LearningRecord> {
    return voidStatement(ctx.db, ctx.viewer, input);
  }
}

function requireLearnerOrStaff(ctx: LearningContext, account: EntityRef): void {
  requireSignedIn(ctx.viewer);
  if (!isAccountHolder(ctx.viewer, account.id) && !ctx.viewer.organisationId) throw forbidden();
}

@Resolver(() => AccountRef)
export class AccountProgressResolver {
  @FieldResolver(() => [CourseProgress], {
    nullable: true,
    description: 'Progress per course, most recent first: for the learner, or for staff within their organisation\'s context.',
  })
  async courseProgress(@Root() account: EntityRef, @Ctx() ctx: LearningContext): Promise<CourseProgress[]> {
    requireLearnerOrStaff(ctx, account);
    const progress = await ctx.loaders.progressOfAccount.load(account.id);
    return Promise.all(progress.map(async ({ courseId, ...rest }) => ({ ...rest, course: (await ctx.loaders.courseById.load(courseId))! })));
  }

  @FieldResolver(() => [Badge], { nullable: true, description: 'Open Badges earned, oldest first: for the learner, or for staff those earned in their organisation.' })
  async badges(@Root() account: EntityRef, @Ctx() ctx: LearningContext): Promise<Badge[]> {
    requireLearnerOrStaff(ctx, account);
    const badges = await ctx.loaders.badgesOfAccount.load(account.id);
    return isAccountHolder(ctx.viewer, account.id) ? badges : badges.filter((badge) => badge.organisationId === ctx.viewer.organisationId);
  }
}

@Resolver(() => Badge)
export class BadgeResolver {
  @FieldResolver(() => String, { description: 'The badge\'s name: the course completed.' })
  async name(@Root() badge: Badge, @Ctx() ctx: LearningContext): Promise<string> {
    return (await ctx.loaders.courseById.load(badge.courseId))!.title;
  }

  @FieldResolver(() => Course, { description: 'criteria: the course to complete.' })
  async criteria(@Root() badge: Badge, @Ctx() ctx: LearningContext): Promise<Course> {
    return (await ctx.loaders.courseById.load(badge.courseId))!;
  }

  @FieldResolver(() => String, { description: 'The issuer.' })
  issuer(): string {
    return BADGE_ISSUER;
  }
}
