import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { EntityRef } from '../../shared/references';

/**
 * An organisation as identity knows it: only its key, for Account.organisations
 * and Consent.organisation. Identity adds no fields to it, so it is not
 * resolvable here and the gateway asks the organisations subgraph for the rest.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Organisation', { description: 'A public body; its fields come from the organisations subgraph.' })
export class OrganisationRef implements EntityRef {
  @Field(() => ID)
  id!: string;
}
