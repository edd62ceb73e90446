import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type EntityRef, refOf } from '../../shared/references';
import { AccountRef } from '../entities/account';
import { Course } from '../entities/course';
import { LearningRecord } from '../entities/learning-record';
import { LearningResult } from '../entities/learning-result';
import { OrganisationRef } from '../entities/organisation';
import type { LearningContext } from '../loaders';

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

  @FieldResolver(() => OrganisationRef, { description: "The learner's organisation at the time (xAPI context)." })
  organisation(@Root() record: LearningRecord): EntityRef {
    return refOf(record.organisationId);
  }
}
