import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding the project's package.json: data folders (schema/,
 * operations/, the playground bundle, .data/) are found from here, because a
 * module's own __dirname differs between the sources and the compiled dist/.
 */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}
