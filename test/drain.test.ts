/**
 * Shutdown that drops nothing, on the HTTP integration both the gateway and
 * the subgraphs stand on: real keep-alive connections from undici against a
 * real server on port 0, whose one field takes as long as it is asked to.
 */
import { Client, Pool } from 'undici';
import type { GraphQLHttpServer } from '../platform/http/server';
import { type PipelineServer, startPipelineServer } from './support/pipeline-server';

let pipeline: PipelineServer;
let server: GraphQLHttpServer;
let origin: string;

beforeEach(async () => {
  pipeline = await startPipelineServer(
    {
      typeDefs: 'type Query { wait(ms: Int!): Int! }',
      resolvers: { Query: { wait: (_: unknown, { ms }: { ms: number }) => new Promise((resolve) => setTimeout(() => resolve(ms), ms)) } },
    },
    'warn',
  );
  server = pipeline.server;
  origin = new URL(pipeline.url).origin;
});

afterEach(() => pipeline.stop());

interface Outcomes {
  ok: number;
  okWithConnectionClose: number;
  /** Refused before it was accepted: the client tries another replica. */
  refused: number;
  /** Accepted, then lost: what a drain must not do while requests are shorter than its deadline. */
  reset: string[];
}

/** `connections` keep-alive connections, each sending `wait(ms)` requests back to back until `until()` is true or the server refuses. */
async function load(pool: Pool, connections: number, ms: number, until: () => boolean): Promise<Outcomes> {
  const outcomes: Outcomes = { ok: 0, okWithConnectionClose: 0, refused: 0, reset: [] };
  const body = JSON.stringify({ query: `{ wait(ms: ${ms}) }` });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (!until()) {
        try {
          const response = await pool.request({ path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const json = (await response.body.json()) as { data?: { wait: number } };
          if (response.statusCode === 200 && json.data?.wait === ms) outcomes.ok += 1;
          if (response.headers.connection === 'close') outcomes.okWithConnectionClose += 1;
        } catch (error) {
          const code = (error as { code?: string }).code ?? String(error);
          if (code === 'ECONNREFUSED') {
            outcomes.refused += 1;
            return;
          }
          outcomes.reset.push(code);
          return;
        }
      }
    }),
  );
  return outcomes;
}

describe('draining on shutdown', () => {
  it('finishes every request under keep-alive load, answers the rest with Connection: close, and resets none', async () => {
    const pool = new Pool(origin, { connections: 20, pipelining: 1 });
    let stopped = false;
    let accepted = 0;
    server.on('connection', () => (accepted += 1));
    const running = load(pool, 20, 20, () => stopped);
    // Every connection accepted by the server and in use. A connection still in the kernel's accept queue when the
    // listener closes is reset by the kernel before the process ever sees it, on any server: that is what the
    // Kubernetes preStop pause is for (the endpoint is removed before the process stops listening).
    while (accepted < 20 || server.inFlight() < 10) await new Promise((resolve) => setTimeout(resolve, 20));
    const report = await server.drain(5_000);
    stopped = true;
    const outcomes = await running;
    await pool.close();

    expect(outcomes.reset).toEqual([]);
    expect(report.cut).toBe(0);
    expect(outcomes.ok).toBeGreaterThanOrEqual(20);
    // Requests on connections already open when the drain began were answered, and told to reconnect elsewhere.
    expect(outcomes.okWithConnectionClose).toBeGreaterThan(0);
    expect(report.finished).toBeGreaterThanOrEqual(outcomes.okWithConnectionClose);
    expect(server.listening).toBe(false);
  });

  it('answers /readyz 503 at once on a connection that is still open', async () => {
    const client = new Client(origin);
    const before = await client.request({ path: '/readyz', method: 'GET' });
    expect(before.statusCode).toBe(200);
    await before.body.dump();
    // A slow request keeps the drain going while readiness is asked again on the same open connection.
    const slow = fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ wait(ms: 600) }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const draining = server.drain(5_000);
    const during = await client.request({ path: '/readyz', method: 'GET' });
    expect(during.statusCode).toBe(503);
    expect(during.headers.connection).toBe('close');
    await during.body.dump();
    expect((await (await slow).json()).data.wait).toBe(600);
    expect((await draining).cut).toBe(0);
    await client.close();
  });

  it('cuts only what still runs at the deadline, counts it and logs it', async () => {
    const pool = new Pool(origin, { connections: 3, pipelining: 1 });
    const running = load(pool, 3, 5_000, () => false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const report = await server.drain(500);
    const outcomes = await running;
    await pool.close();

    expect(report.cut).toBe(3);
    expect(report.ms).toBeLessThan(2_000);
    expect(outcomes.reset).toHaveLength(3);
    expect(pipeline.lines.find((line) => line.msg === 'requests still running at the shutdown deadline were cut')).toMatchObject({ cut: 3, deadlineMs: 500 });
  });
});
