/**
 * `npm run build:playground` (run by `npm install` through `prepare`):
 * bundles GraphiQL and React from node_modules into gateway/playground/dist,
 * which the gateway serves itself, so the playground needs no CDN.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { PLAYGROUND_DIST } from './index';

async function main(): Promise<void> {
  const started = Date.now();
  const result = await build({
    entryPoints: { playground: path.join(__dirname, 'browser', 'main.tsx') },
    jsx: 'automatic',
    outdir: PLAYGROUND_DIST,
    bundle: true,
    minify: true,
    sourcemap: false,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs).map(([file, { bytes }]) => `${path.basename(file)} ${(bytes / 1024).toFixed(0)} KiB`);
  process.stdout.write(`playground built in ${Date.now() - started} ms: ${outputs.join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`playground build failed: ${(error as Error).message}\n`);
  process.exit(1);
});
