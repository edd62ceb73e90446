import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_SAFE_CODES, ErrorCode } from '../platform/errors';

const root = path.join(__dirname, '..');

/** The codes in the first column of the README's table under "## Errors". */
function readmeCodes(): string[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Errors\n'), readme.indexOf('\n## ', readme.indexOf('\n## Errors\n') + 1));
  return [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

describe('the error vocabulary', () => {
  it('is documented in the README, one row per code, no more and no fewer', () => {
    const documented = readmeCodes();
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('lets every code through to clients but the internal error, whose message is never meant for them', () => {
    expect([...CLIENT_SAFE_CODES].sort()).toEqual(
      Object.values(ErrorCode)
        .filter((code) => code !== 'INTERNAL_SERVER_ERROR')
        .sort(),
    );
  });

  it('is the only list of codes: no server code writes a code as a literal', () => {
    const literals = ['platform', 'gateway', 'subgraphs'].flatMap((folder) =>
      sourceFiles(path.join(root, folder)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/\bcode: '([A-Z_]+)'/g)].map((match) => `${path.relative(root, file)}: ${match[1]}`),
      ),
    );
    expect(literals).toEqual([]);
  });
});
