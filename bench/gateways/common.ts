import { readFileSync } from 'node:fs';

/** What every gateway under test is started with: the same supergraph (subgraph URLs filled in) on a free port. */
export function benchInputs(): { supergraphSdl: string; subgraphUrls: Record<string, string> } {
  const supergraphSdl = readFileSync(process.env.BENCH_SUPERGRAPH!, 'utf8');
  const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS!) as Record<string, string>;
  return { supergraphSdl, subgraphUrls };
}

/** The line the benchmark waits for. */
export function announce(url: string): void {
  process.stdout.write(`LISTENING ${url}\n`);
}

// Exit cleanly when the benchmark is done with this gateway, so a --cpu-prof profile gets written.
process.on('SIGTERM', () => process.exit(0));
