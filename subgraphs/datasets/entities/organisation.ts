import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';

/**
 * An organisation as datasets knows it: only its key, which datasets extends
 * with the datasets it publishes and their feedback
 * (resolvers/organisation.resolver.ts). The gateway fetches the other fields
 * from the organisations subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organisation', { description: 'A public body; datasets adds the datasets it publishes.' })
export class OrganisationRef implements EntityRef {
  @Field(() => ID)
  id!: string;
}
