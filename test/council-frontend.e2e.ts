import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** The example council front end (clients/council-frontend), built by `npm run build:clients` exactly as a developer builds it. */

const root = path.join(__dirname, '..');
const app = path.join(root, 'clients', 'council-frontend');
const generated = path.join(app, 'src', 'gql');
let generatedBefore: Record<string, string>;

const readGenerated = () => Object.fromEntries(readdirSync(generated).map((file) => [file, readFileSync(path.join(generated, file), 'utf8')]));

beforeAll(async () => {
  generatedBefore = readGenerated();
  // The README's command: codegen, the example's typecheck, Vite's build. Run here so `npm test` covers it.
  await promisify(execFile)('npm', ['run', '--silent', 'build:clients'], { cwd: root, timeout: 240_000 });
}, 300_000);

describe('the council front-end example', () => {
  it('is built from typed documents that match the checked-in generated code', () => {
    expect(readGenerated()).toEqual(generatedBefore);
    expect(existsSync(path.join(app, 'dist', 'index.html'))).toBe(true);
  });
});
