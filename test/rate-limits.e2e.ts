import { createGateway, type RunningGateway } from '../gateway/server';
import { readSupergraph } from '../gateway/supergraph';
import { createLogger } from '../platform/logger';
import { gatewayOptionsOf, loadConfig } from '../runtime/config';
import { type TestGraph, startTestGraph } from './support/graph';

let graph: TestGraph;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  graph = await startTestGraph('none');
}, 60_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await graph?.stop();
});

/** A gateway of its own over the test graph's subgraphs, configured from `env` as the process would be, its log lines in `lines`. */
async function gatewayWith(env: Record<string, string>, lines: any[] = []): Promise<RunningGateway> {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const log = createLogger({ level: 'info', name: 'rate-limits-test', destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  const gateway = await createGateway(
    gatewayOptionsOf(config, {
      supergraphSdl: readSupergraph(config.projectRoot),
      subgraphUrls: Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
      log,
      verifier: graph.verifier,
    }),
  );
  const running = await gateway.listen(0);
  gateways.push(running);
  return running;
}

async function ask(url: string, headers: Record<string, string> = {}, body: unknown = { query: '{ __typename }' }) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as any;
  return {
    status: response.status,
    code: json.errors?.[0]?.extensions?.code as string | undefined,
    requestId: response.headers.get('x-request-id'),
    limit: response.headers.get('ratelimit-limit'),
    remaining: response.headers.get('ratelimit-remaining'),
    retryAfter: response.headers.get('retry-after'),
  };
}

describe('the client address behind proxies (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For and Forwarded from an address it does not trust: forged headers buy no new budget', async () => {
    const lines: any[] = [];
    // Only 10.0.0.0/8 is trusted; the test's requests come from 127.0.0.1.
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '10.0.0.0/8' }, lines);
    const answers = [];
    for (let i = 1; i <= 5; i++) {
      answers.push(await ask(gateway.url, { 'x-forwarded-for': `203.0.113.${i}`, forwarded: `for=198.51.100.${i}` }));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    const logged = lines.filter((line) => line.msg === 'request').map((line) => line.clientAddress);
    expect(logged).toEqual(Array(5).fill('127.0.0.1'));
  });

  it('takes the address a trusted proxy forwarded, and only that: what the client wrote before it is ignored', async () => {
    const lines: any[] = [];
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1/32' }, lines);
    // The proxy (127.0.0.1 here) appends the address it saw; the client forged the entries before it.
    const viaProxy = (client: string, forged: string) => ask(gateway.url, { 'x-forwarded-for': `${forged}, ${client}` });
    const one = [await viaProxy('203.0.113.7', '1.1.1.1'), await viaProxy('203.0.113.7', '2.2.2.2'), await viaProxy('203.0.113.7', '3.3.3.3')];
    expect(one.map((answer) => answer.status)).toEqual([200, 200, 429]);
    // Another client behind the same proxy has a budget of its own.
    expect((await viaProxy('203.0.113.8', '1.1.1.1')).status).toBe(200);
    const logged = lines.filter((line) => line.msg === 'request').map((line) => line.clientAddress);
    expect(logged).toEqual(['203.0.113.7', '203.0.113.7', '203.0.113.7', '203.0.113.8']);
  });

  it('counts trusted hops when given a number, and reads Forwarded when told to', async () => {
    const lines: any[] = [];
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '0', TRUST_PROXY: '2', TRUST_PROXY_HEADER: 'forwarded' }, lines);
    // Two proxies of ours: the nearest (the socket's peer) and the one before it, which saw the client.
    await ask(gateway.url, { forwarded: 'for=192.0.2.1, for="[2001:db8::17]:4711";proto=https, for=10.1.2.3', 'x-forwarded-for': '6.6.6.6' });
    // Fewer hops than trusted: the farthest one named.
    await ask(gateway.url, { forwarded: 'for=198.51.100.4' });
    // Something that is not an address stops the walk at the last proxy.
    await ask(gateway.url, { forwarded: 'for=unknown' });
    const logged = lines.filter((line) => line.msg === 'request').map((line) => line.clientAddress);
    expect(logged).toEqual(['2001:db8::17', '198.51.100.4', '127.0.0.1']);
  });
});
