/**
 * `npm run persisted-queries`: builds each partner's safelist,
 * persisted-queries/<client id>.json, from the `.graphql` operations in
 * operations/partners/<client id>/, validated against schema/supergraph.graphql.
 *
 * `npm run persisted-queries -- --from <folder> --out <file.json>` builds one
 * manifest from any folder, e.g. a partner's own repository of operations.
 * `--check` writes nothing and fails if a checked-in manifest is out of date.
 * A manifest's `rateLimitPerMinute` (the partner's own budget) is kept.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type OperationSource, buildManifest } from '../gateway/persisted-queries';
import { apiSchemaOf, readSupergraph } from '../gateway/supergraph';
import { flag, runMain } from '../runtime/cli';

function operationsIn(folder: string): OperationSource[] {
  if (!existsSync(folder)) throw new Error(`${folder} does not exist.`);
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  if (files.length === 0) throw new Error(`${folder} holds no .graphql files.`);
  return files.map((file) => ({ file: path.join(folder, file), text: readFileSync(path.join(folder, file), 'utf8') }));
}

runMain('persisted-queries', async (config) => {
  const schema = apiSchemaOf(readSupergraph(config.projectRoot));
  const from = flag('from');
  const jobs = from
    ? [{ folder: path.resolve(from), out: path.resolve(flag('out') ?? `${path.basename(from)}.json`) }]
    : readdirSync(path.join(config.projectRoot, 'operations', 'partners'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => ({
          folder: path.join(config.projectRoot, 'operations', 'partners', entry.name),
          out: path.join(config.gateway.safelistDir, `${entry.name}.json`),
        }));
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const { folder, out } of jobs) {
    // A partner's own rate-limit budget is set in its manifest by hand and kept through rebuilds.
    const budget = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { rateLimitPerMinute?: unknown }).rateLimitPerMinute : undefined;
    const manifest = { ...buildManifest(operationsIn(folder), schema), ...(typeof budget === 'number' ? { rateLimitPerMinute: budget } : {}) };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    if (check) {
      if (!existsSync(out) || readFileSync(out, 'utf8') !== text) stale.push(out);
      continue;
    }
    writeFileSync(out, text);
    process.stdout.write(`${out}: ${JSON.parse(text).operations.length} operations\n`);
  }
  if (stale.length > 0) throw new Error(`Out of date (run \`npm run persisted-queries\`): ${stale.join(', ')}`);
});
