import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type Role, actsFor, forbidden } from '../../shared/auth';
import { PublicCache } from '../../shared/federation';
import { type KeysetOrder, countRows, keysetQuery, loadPage, pageOf } from '../../shared/keyset';
import { withTotalCount } from '../../shared/pagination';
import { requireUuid } from '../../shared/validation';
import { learningAggregates } from '../aggregates';
import { Course, CourseConnection } from '../entities/course';
import { LearningAggregate } from '../entities/learning-aggregate';
import { CoursesArgs, LearningGrouping } from '../inputs';
import type { LearningContext } from '../loaders';

const BY_TITLE: KeysetOrder<Course> = { by: 'title', direction: 'ASC' };

@Resolver()
export class QueryResolver {
  @PublicCache(300)
  @Query(() => Course, { nullable: true, description: 'A course by id; null when there is none.' })
  course(
    @Arg('id', () => ID, { description: 'The course id (a UUID; BAD_USER_INPUT otherwise).' }) id: string,
    @Ctx() ctx: LearningContext,
  ): Promise<Course | null> {
    return ctx.loaders.courseById.load(requireUuid(id, 'id'));
  }

  @PublicCache(300)
  @Query(() => CourseConnection, { description: "The Academy's courses by title." })
  async courses(@Args(() => CoursesArgs) args: CoursesArgs, @Ctx() ctx: LearningContext): Promise<CourseConnection> {
    const query = keysetQuery(args, BY_TITLE, { theme: args.theme });
    return withTotalCount(pageOf(await loadPage(ctx.db, Course, query), query), () => countRows(ctx.db, Course, query.equals));
  }

  @Authorized<Role>('analyst', 'admin', 'staff', 'partner')
  @Query(() => [LearningAggregate], {
    description:
      'Learners, registrations and completions by theme, organisation or month: across the Academy (small counts suppressed), or for your own organisation in full (`organisationId`, staff only).',
  })
  learningAggregates(
    @Arg('groupBy', () => LearningGrouping, { description: 'What each row totals: a theme, an organisation or a month.' }) groupBy: LearningGrouping,
    @Arg('organisationId', () => ID, {
      nullable: true,
      description:
        'Your own organisation, for its figures in full (staff only; FORBIDDEN for another). Leave out for the whole Academy, small counts suppressed.',
    })
    organisationId: string | null,
    @Ctx() ctx: LearningContext,
  ): Promise<LearningAggregate[]> {
    const own = organisationId ? requireUuid(organisationId, 'organisationId') : null;
    if (own && !actsFor(ctx.viewer, own)) throw forbidden();
    return learningAggregates(ctx.db, groupBy, own);
  }
}
