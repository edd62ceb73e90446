import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { forbidden, isAccountHolder, requireActsFor, requireSignedIn } from '../../shared/auth';
import { requireUuid } from '../../shared/validation';
import { type KeysetOrder, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { Connection, PageArgs, pageWindow, toPage } from '../../shared/pagination';
import { type EntityRef, refOf } from '../../shared/references';
import { Course } from '../entities/course';
import { LearningRecord, LearningResult } from '../entities/learning-record';
import type { LearningContext } from '../loaders';
import { Learner } from './learner';
import { AccountRef, OrganisationRef } from './references';

@ObjectType({ description: 'A page of learning records, newest first.' })
export class LearningRecordConnection extends Connection(LearningRecord) {}

@ObjectType({ description: 'A page of learners, in account order.' })
export class LearnerConnection extends Connection(Learner) {}

@ObjectType({ description: 'A page of courses, by title.' })
export class CourseConnection extends Connection(Course) {}

@ArgsType()
class CoursesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only courses with this theme, e.g. "data".' })
  theme?: string | null;
}

const NEWEST_FIRST: KeysetOrder<LearningRecord> = { by: 'timestamp', direction: 'DESC' };
const BY_TITLE: KeysetOrder<Course> = { by: 'title', direction: 'ASC' };

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => Course, { nullable: true, description: 'A course by id; null when there is none.' })
  course(@Arg('id', () => ID) id: string, @Ctx() ctx: LearningContext): Promise<Course | null> {
    return ctx.loaders.courseById.load(requireUuid(id, 'id'));
  }

  @Query(() => CourseConnection, { description: 'The Academy\'s courses by title.' })
  async courses(@Args(() => CoursesArgs) args: CoursesArgs, @Ctx() ctx: LearningContext): Promise<CourseConnection> {
    const query = keysetQuery(args, BY_TITLE, { theme: args.theme });
    return pageOf(await loadPage(ctx.db, Course, query), query);
  }
}

@Resolver(() => LearningRecord)
export class LearningRecordResolver {
  @FieldResolver(() => AccountRef, { nullable: true, description: 'The learner (xAPI actor); null where their account may not be seen.' })
  actor(@Root() record: LearningRecord): EntityRef {
    return refOf(record.accountId);
  }

  @FieldResolver(() => Course, { nullable: true, description: 'The course (xAPI object); null for a VOIDED statement, whose object is `voids`.' })
  course(@Root() record: LearningRecord, @Ctx() ctx: LearningContext): Promise<Course | null> | null {
    return record.courseId ? ctx.loaders.courseById.load(record.courseId) : null;
  }

  @FieldResolver(() => LearningResult, { description: 'The outcome (xAPI result).' })
  result(@Root() record: LearningRecord): LearningResult {
    return {
      scoreScaled: record.scoreScaled === null ? null : Number(record.scoreScaled),
      success: record.success,
      completion: record.completion,
      duration: record.duration,
    };
  }

  @FieldResolver(() => OrganisationRef, { description: 'The learner\'s organisation at the time (xAPI context).' })
  organisation(@Root() record: LearningRecord): EntityRef {
    return refOf(record.organisationId);
  }
}

@Resolver(() => AccountRef)
export class AccountLearningResolver {
  @FieldResolver(() => LearningRecordConnection, {
    nullable: true,
    description: 'This person\'s learning records, newest first: all of them for the learner, those in their organisation\'s context for staff.',
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
}

@Resolver(() => OrganisationRef)
export class OrganisationLearnersResolver {
  @FieldResolver(() => LearnerConnection, { nullable: true, description: 'Staff of this organisation who learn with the Academy.' })
  async learners(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: LearningContext) {
    requireActsFor(ctx.viewer, organisation.id);
    const { limit, after } = pageWindow(args);
    const rows = await ctx.loaders.learnersOfOrganisation.load({ limit: limit + 1, after: after ? requireUuid(after.id, 'after') : null }, organisation.id);
    return toPage(rows, limit, (learner) => ({ key: learner.account.id, id: learner.account.id }));
  }
}
