/**
 * `npm run bench:subscriptions`: fan-out of one payment's changes to many
 * subscribers on one gateway. Starts the subgraphs (bench/subgraphs.ts, the
 * small seed unless BENCH_SCALE says otherwise) and this gateway as it ships
 * (bench/gateways/ours.ts), each in its own process; opens
 * BENCH_SUBSCRIBERS (1,000) GraphQL-over-SSE subscriptions to
 * `paymentUpdated`, one per staff member of the payment's council (each
 * with its own token, so no two share a fetch), selecting a field of
 * another subgraph (the organisation's name); then a staff member changes
 * the payment BENCH_EVENTS (8) times, one change at a time, each once every
 * subscriber has the one before: STARTED, SUBMITTED, SUCCESS, then refunds
 * of £1.
 *
 * Reports the fan-out latency (from sending the mutation to each
 * subscriber's receiving the event) at p50/p95/p99/max over every delivery,
 * and the memory each subscriber costs the gateway and the subgraphs'
 * process (the rise in resident memory once all are subscribed, over their
 * number). Writes bench/results/<date>-subscriptions.{json,md} and the
 * README's table. Not a test: it measures, it does not assert.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { type ClientRequest, request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { eventsOf } from '../platform/http/event-stream';
import { localIssuer } from '../platform/tokens';
import { loadConfig } from '../runtime/config';
import { seedId } from '../seed/ids';
import { progress, rssBytes, startChild, stopChild, supergraphFor } from './processes';
import { updateReadme } from './report';

const EDINBURGH = seedId('organisation', 'S12000036');
const SUBSCRIPTION = 'subscription Watch($id: ID!) { paymentUpdated(id: $id) { id status refunded organisation { name } } }';
const STATUSES = ['STARTED', 'SUBMITTED', 'SUCCESS'];
const CHANGE = 'mutation($input: ChangePaymentStatusInput!) { changePaymentStatus(input: $input) { id } }';
const REFUND = 'mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { id } }';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One subscriber: an SSE stream read as it arrives; `onEvent` is told the n-th event's arrival (ms, performance.now()). */
function subscribe(url: string, token: string, paymentId: string, onEvent: (n: number, at: number) => void): Promise<ClientRequest> {
  const body = JSON.stringify({ query: SUBSCRIPTION, variables: { id: paymentId }, operationName: 'Watch' });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        // One connection each, as browsers' EventSource and graphql-sse's distinct connections mode do.
        agent: false,
        headers: {
          accept: 'text/event-stream',
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`subscription refused: HTTP ${response.statusCode}`));
        resolve(request);
        let n = 0;
        void (async () => {
          for await (const { event, data } of eventsOf(response)) {
            if (event !== 'next') continue;
            const at = performance.now();
            const result = JSON.parse(data) as { data?: { paymentUpdated?: { organisation?: { name?: string } } }; errors?: unknown[] };
            if (result.errors || !result.data?.paymentUpdated?.organisation?.name) process.stderr.write(`bench: an incomplete event: ${data}\n`);
            else onEvent(n++, at);
          }
        })().catch(() => undefined);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 40)}… failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function main(): Promise<void> {
  const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
  const events = Number(process.env.BENCH_EVENTS ?? 8);
  const scale = process.env.BENCH_SCALE ?? 'default';
  const root = process.cwd();
  const tmp = path.join(root, 'bench', 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_SCALE: scale,
    IDENTITY_PORT: '0',
    ORGANISATIONS_PORT: '0',
    PAYMENTS_PORT: '0',
    LEARNING_PORT: '0',
    DATASETS_PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    DATA_DIR: process.env.DATA_DIR ?? path.join(root, '.data', 'bench'),
    EMBEDDED_POSTGRES_PORT: process.env.EMBEDDED_POSTGRES_PORT ?? '54339',
    SEED: 'none',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  mkdirSync(env.DATA_DIR!, { recursive: true });
  const config = loadConfig(env as Record<string, string>);
  progress(`subscriptions: starting the subgraphs (${scale} scale; seeding if needed)`);
  const subgraphs = await startChild('bench/subgraphs.ts', env, 'READY ', path.join(tmp, 'subgraphs.log'));
  const ready = JSON.parse(subgraphs.line) as { urls: Record<string, string> };
  let gateway: Awaited<ReturnType<typeof startChild>> | null = null;
  const streams: ClientRequest[] = [];
  try {
    gateway = await startChild(
      'bench/gateways/ours.ts',
      {
        ...env,
        BENCH_SUPERGRAPH: supergraphFor(root, tmp, ready.urls, 'supergraph-subscriptions.graphql'),
        BENCH_SUBGRAPH_URLS: JSON.stringify(ready.urls),
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
        SUBSCRIPTIONS_MAX: String(subscribers + 100),
      },
      'LISTENING ',
      path.join(tmp, 'ours-subscriptions.log'),
    );
    const url = gateway.line;
    const issuer = await localIssuer(config.embeddedPostgres.dataDir, config.auth.issuer, config.auth.audience);
    const staff = await issuer.sign({ role: 'staff', sub: 'bench-payments-officer', org: EDINBURGH }, { expiresIn: '2h' });
    const createPayment = async (reference: string) =>
      (
        await graphql(url, staff, 'mutation($input: CreatePaymentInput!) { createPayment(input: $input) { id } }', {
          input: {
            idempotencyKey: `bench-subscriptions-${reference}-${Date.now()}`,
            organisationId: EDINBURGH,
            direction: 'INBOUND',
            amount: '1500',
            reference,
            description: 'Fan-out benchmark',
          },
        })
      ).createPayment.id as string;

    // Warm: one subscriber and one change of another payment through every step (planning, the events' query plan, the organisation's fetch) before measuring.
    const warmId = await createPayment('BENCH-WARM');
    const warmed = new Promise<void>((resolve) => {
      void subscribe(url, staff, warmId, () => resolve()).then((stream) => {
        streams.push(stream);
        void graphql(url, staff, CHANGE, { input: { paymentId: warmId, status: 'STARTED' } });
      });
    });
    await warmed;
    const paymentId = await createPayment('BENCH');

    // Lets the processes settle after start-up and the payment's creation before their memory is read.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const gatewayBefore = rssBytes(gateway.child.pid!);
    const subgraphsBefore = rssBytes(subgraphs.child.pid!);
    const arrivals: number[][] = Array.from({ length: events }, () => []);
    progress(`subscriptions: opening ${subscribers} SSE subscriptions`);
    const opening = performance.now();
    for (let i = 0; i < subscribers; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, subscribers - i) }, async (_, j) => {
          const token = await issuer.sign({ role: 'staff', sub: `bench-watcher-${i + j}`, org: EDINBURGH }, { expiresIn: '2h' });
          return subscribe(url, token, paymentId, (n, at) => arrivals[n]?.push(at));
        }),
      );
      streams.push(...batch);
    }
    const openMs = performance.now() - opening;
    // Each stream was answered once its subgraph listened; a moment more lets memory settle before it is read.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const gatewayAfter = rssBytes(gateway.child.pid!);
    const subgraphsAfter = rssBytes(subgraphs.child.pid!);

    const latencies: number[] = [];
    const perEvent: { change: string; p50: number; p95: number; max: number; delivered: number }[] = [];
    let refundable = 1500;
    for (let n = 0; n < events; n++) {
      const status = STATUSES[n];
      const change = status ?? 'refund £1';
      const sent = performance.now();
      if (status) await graphql(url, staff, CHANGE, { input: { paymentId, status } });
      else {
        await graphql(url, staff, REFUND, {
          input: { paymentId, amount: '100', expectedRefundable: String(refundable), reason: 'Benchmark', idempotencyKey: `bench-refund-${Date.now()}-${n}` },
        });
        refundable -= 100;
      }
      const deadline = Date.now() + 30_000;
      while (arrivals[n].length < subscribers && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      const got = arrivals[n].map((at) => at - sent).sort((a, b) => a - b);
      latencies.push(...got);
      perEvent.push({ change, p50: percentile(got, 50), p95: percentile(got, 95), max: got.at(-1) ?? 0, delivered: got.length });
      progress(
        `subscriptions: ${change} reached ${got.length}/${subscribers} subscribers; p50 ${percentile(got, 50).toFixed(0)} ms, p95 ${percentile(got, 95).toFixed(0)} ms`,
      );
    }
    latencies.sort((a, b) => a - b);
    const delivered = latencies.length;
    const expected = perEvent.length * subscribers;
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 1024 ** 3), node: process.version },
      subscribers,
      events: perEvent.length,
      openSeconds: Math.round(openMs) / 1000,
      delivered,
      expected,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? 0 },
      perEvent,
      memory: {
        gatewayRssBeforeMiB: Math.round(gatewayBefore / 1024 ** 2),
        gatewayRssAfterMiB: Math.round(gatewayAfter / 1024 ** 2),
        gatewayKiBPerSubscriber: Math.round((gatewayAfter - gatewayBefore) / 1024 / subscribers),
        subgraphsKiBPerSubscriber: Math.round((subgraphsAfter - subgraphsBefore) / 1024 / subscribers),
      },
    };
    const ms = (value: number) => value.toFixed(0);
    const report = [
      `Measured ${result.date.slice(0, 10)} on ${result.machine.cpus} × ${result.machine.cpuModel.split(' ').slice(0, 2).join(' ')}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}; ` +
        `one gateway and the five subgraphs (one process) on the same machine as the ${subscribers} subscribers (one process).`,
      '',
      '| subscribers | events | delivered | fan-out p50 ms | p95 ms | p99 ms | max ms | gateway RSS MiB (before → after) | gateway KiB / subscriber | subgraphs KiB / subscriber | subscribing all took s |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${subscribers} | ${result.events} | ${delivered} of ${expected} | ${ms(result.latencyMs.p50)} | ${ms(result.latencyMs.p95)} | ${ms(result.latencyMs.p99)} | ${ms(result.latencyMs.max)} | ${result.memory.gatewayRssBeforeMiB} → ${result.memory.gatewayRssAfterMiB} | ${result.memory.gatewayKiBPerSubscriber} | ${result.memory.subgraphsKiBPerSubscriber} | ${result.openSeconds} |`,
      '',
    ].join('\n');
    const complete = subscribers >= 1_000 && !process.env.BENCH_EVENTS;
    const dir = path.join(root, 'bench', complete ? 'results' : 'tmp');
    mkdirSync(dir, { recursive: true });
    const stamp = result.date.slice(0, 16).replace(/[:T]/g, '-');
    writeFileSync(path.join(dir, `${stamp}-subscriptions.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(dir, `${stamp}-subscriptions.md`), report);
    if (complete) updateReadme(path.join(root, 'README.md'), report, 'bench-subscriptions');
    process.stdout.write(`${report}\n`);
  } finally {
    for (const stream of streams) stream.destroy();
    if (gateway) await stopChild(gateway.child);
    await stopChild(subgraphs.child);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
