import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';

/**
 * An organisation as learning knows it: only its key, which learning extends
 * with its learners (resolvers/organisation.resolver.ts). The gateway fetches
 * the other fields from the organisations subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organisation', { description: 'A public body; learning adds its learners.' })
export class OrganisationRef implements EntityRef {
  @Field(() => ID)
  id!: string;
}
