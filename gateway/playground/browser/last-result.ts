/** The last answer the playground received for an operation (not for its own schema introspection), for the panels that read it. */
export interface LastResult {
  operationName: string | null;
  result: { data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> };
}

let last: LastResult | null = null;
const listeners = new Set<() => void>();

export function lastResult(): LastResult | null {
  return last;
}

export function publish(result: LastResult): void {
  last = result;
  listeners.forEach((listener) => listener());
}

export function onResult(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
