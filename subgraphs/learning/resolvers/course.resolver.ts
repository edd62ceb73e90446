import type { EntityRef } from '../../shared/references';
import type { LearningContext } from '../loaders';

// Course's own fields are all columns of entities/course.ts; only its reference resolver is here.
export function resolveCourseReference(reference: EntityRef, ctx: LearningContext) {
  return ctx.loaders.courseById.load(reference.id);
}
