/**
 * The key of an entity another subgraph owns, e.g. an `Organisation` inside
 * payments. Each subgraph declares the type as it knows it in its own
 * entities/ (payments/entities/organisation.ts); the gateway fetches the other
 * fields from the owner.
 */
export interface EntityRef {
  id: string;
}

export function refOf(id: string): EntityRef;
export function refOf(id: string | null): EntityRef | null;
export function refOf(id: string | null): EntityRef | null {
  return id === null ? null : { id };
}
