import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The composed supergraph checked in under schema/ (written by `npm run compose`). */
export function readSupergraph(projectRoot: string): string {
  return readFileSync(path.join(projectRoot, 'schema', 'supergraph.graphql'), 'utf8');
}
