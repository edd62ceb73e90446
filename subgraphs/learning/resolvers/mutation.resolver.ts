import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Role } from '../../shared/auth';
import { LearningRecord } from '../entities/learning-record';
import { RecordStatementInput, VoidStatementInput } from '../inputs';
import type { LearningContext } from '../loaders';
import { recordStatement, voidStatement } from '../statements';

/** Statements come from learning services acting for the learner's organisation (staff or partner tokens). */
@Resolver()
export class MutationResolver {
  @Authorized<Role>('staff', 'partner')
  @Mutation(() => LearningRecord, {
    description: 'Records an xAPI statement; re-sending the same statement is safe, a different one with the same id is CONFLICT.',
  })
  recordStatement(
    @Arg('input', () => RecordStatementInput, { description: 'The statement, with an id you choose.' }) input: RecordStatementInput,
    @Ctx() ctx: LearningContext,
  ): Promise<LearningRecord> {
    return recordStatement(ctx.db, ctx.viewer, input);
  }

  @Authorized<Role>('staff', 'partner')
  @Mutation(() => LearningRecord, { description: 'Voids a wrong statement with a new VOIDED statement; returns the voiding statement.' })
  voidStatement(
    @Arg('input', () => VoidStatementInput, { description: "The new statement's id and the id of the statement it voids." }) input: VoidStatementInput,
    @Ctx() ctx: LearningContext,
  ): Promise<LearningRecord> {
    return voidStatement(ctx.db, ctx.viewer, input);
  }
}
