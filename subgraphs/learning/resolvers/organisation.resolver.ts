import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireActsFor } from '../../shared/auth';
import { PageArgs, pageWindow, toPage } from '../../shared/pagination';
import type { EntityRef } from '../../shared/references';
import { requireUuid } from '../../shared/validation';
import { LearnerConnection } from '../entities/learner';
import { OrganisationRef } from '../entities/organisation';
import type { LearningContext } from '../loaders';

@Resolver(() => OrganisationRef)
export class OrganisationResolver {
  @FieldResolver(() => LearnerConnection, { nullable: true, description: 'Staff of this organisation who learn with the Academy.' })
  async learners(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: LearningContext) {
    requireActsFor(ctx.viewer, organisation.id);
    const { limit, after } = pageWindow(args);
    const { rows, precededByCursor } = await ctx.loaders.learnersOfOrganisation.load(
      { limit: limit + 1, after: after ? requireUuid(after.id, 'after') : null },
      organisation.id,
    );
    return toPage(rows, limit, (learner) => ({ key: learner.account.id, id: learner.account.id }), precededByCursor);
  }
}
