import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { BADGE_ISSUER, Badge } from '../entities/badge';
import { Course } from '../entities/course';
import type { LearningContext } from '../loaders';

@Resolver(() => Badge)
export class BadgeResolver {
  @FieldResolver(() => String, { description: "The badge's name: the course completed." })
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
