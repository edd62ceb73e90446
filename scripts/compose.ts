/** Writes schema/<subgraph>.graphql, schema/supergraph.graphql and schema/api.graphql (what clients see) from the code. */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeGraph } from '../runtime/composition';
import { loadConfig } from '../runtime/config';

async function main() {
  const { projectRoot } = loadConfig();
  const dir = path.join(projectRoot, 'schema');
  mkdirSync(dir, { recursive: true });
  const { subgraphSdl, supergraphSdl, apiSdl } = await composeGraph();
  for (const [name, sdl] of Object.entries(subgraphSdl)) writeFileSync(path.join(dir, `${name}.graphql`), sdl);
  writeFileSync(path.join(dir, 'supergraph.graphql'), supergraphSdl);
  writeFileSync(path.join(dir, 'api.graphql'), apiSdl);
  console.log(`Wrote ${Object.keys(subgraphSdl).length} subgraph schemas, supergraph.graphql and api.graphql to ${dir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
