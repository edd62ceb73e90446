import { Directive, Field, ID, ObjectType } from 'type-graphql';

export interface EntityRef {
  id: string;
}

/**
 * A reference to an entity another subgraph owns, e.g. `Organisation` inside
 * payments. Only the key is known here; the gateway fetches the other fields
 * from the owner. `extendable` marks a subgraph that adds fields of its own
 * (Organisation.payments), which makes the reference resolvable here.
 */
export function entityReference(typeName: string, options: { extendable: boolean; description: string }) {
  @Directive(options.extendable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')
  @ObjectType(typeName, { description: options.description })
  class Reference implements EntityRef {
    @Field(() => ID)
    id!: string;
  }
  return Reference;
}

export function refOf(id: string): EntityRef;
export function refOf(id: string | null): EntityRef | null;
export function refOf(id: string | null): EntityRef | null {
  return id === null ? null : { id };
}
