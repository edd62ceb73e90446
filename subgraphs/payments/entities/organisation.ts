import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';

/**
 * An organisation as payments knows it: only its key, which payments extends
 * with its own fields (resolvers/organisation.resolver.ts). The gateway
 * fetches the other fields from the organisations subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organisation', { description: 'A public body; payments adds its payments.' })
export class OrganisationRef implements EntityRef {
  @Field(() => ID)
  id!: string;
}
