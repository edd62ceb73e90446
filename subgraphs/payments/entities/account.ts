import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';

/**
 * An account as payments knows it: only its key, which payments extends with
 * its own fields (resolvers/account.resolver.ts). The gateway fetches the
 * other fields from the identity subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Account', { description: 'A ScotAccount / myaccount sign-in; payments adds its payments.' })
export class AccountRef implements EntityRef {
  @Field(() => ID)
  id!: string;
}
