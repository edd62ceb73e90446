/** `npm start`: the whole graph on this machine, on an embedded Postgres unless DATABASE_URL is set. */
import 'reflect-metadata';
import { onShutdown, runMain } from '../cli';
import { startGraph } from '../graph';

runMain('graph', async (config, log) => {
  const graph = await startGraph(config, log);
  onShutdown(log, graph.stop);
  await new Promise<void>((resolve) => log.flush(() => resolve()));
  process.stdout.write(
    `\nThe Scotland common-platforms graph is running.\n` +
      `  GraphQL endpoint: ${graph.gateway.url}\n` +
      (graph.gateway.playgroundUrl ? `  Playground:       ${graph.gateway.playgroundUrl}   (open it in a browser)\n` : '') +
      `  Subgraphs:        ${Object.values(graph.subgraphs)
        .map((s) => `${s.name} ${s.url}`)
        .join(', ')}\n` +
      (config.auth.local ? `  Sign in as staff: npm run token -- --role staff --org S12000036   (then send "Authorization: Bearer <token>")\n\n` : '\n') +
      `Press Ctrl-C to stop.\n\n`,
  );
});
