import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';

/**
 * An account as learning knows it: only its key, which learning extends with
 * the learner's records, progress and badges (resolvers/account.resolver.ts).
 * The gateway fetches the other fields from the identity subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Account', { description: 'A ScotAccount / myaccount sign-in; learning adds its learning records.' })
export class AccountRef implements EntityRef {
  @Field(() => ID)
  id!: string;
}
