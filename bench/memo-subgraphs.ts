/**
 * Five stand-in subgraphs for the gateway-only run: each answers a request
 * from a memo keyed by its authorization header and body, so a gateway under
 * load is measured doing its own work (planning, fetching, merging, shaping,
 * serialising) and not waiting on the real subgraphs or Postgres. The first
 * time a request is seen (during the identical-JSON check and the warm-up) it
 * is passed to the real subgraph and its answer recorded; from then on it is
 * answered from memory. Started by bench/run.ts with BENCH_MEMO_TARGETS (the
 * real subgraphs' URLs); prints one `READY {json}` line with its own URLs and
 * a control URL that reports (and resets) the hits and misses.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { GATEWAY_SIGNATURE_HEADER } from '../platform/gateway-signature';

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

const FORWARDED = ['authorization', 'content-type', 'accept', GATEWAY_SIGNATURE_HEADER];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function main(): Promise<void> {
  const targets = JSON.parse(process.env.BENCH_MEMO_TARGETS!) as Record<string, string>;
  const counts = { hits: 0, misses: 0 };
  const urls: Record<string, string> = {};
  for (const [name, target] of Object.entries(targets)) {
    const upstream = new URL(target);
    const pool = new Pool(upstream.origin, { connections: 16 });
    const memo = new Map<string, Answer | Promise<Answer>>();
    const record = async (req: IncomingMessage, body: Buffer): Promise<Answer> => {
      const headers: Record<string, string> = {};
      for (const header of FORWARDED) {
        const value = req.headers[header];
        if (typeof value === 'string') headers[header] = value;
      }
      const response = await pool.request({ path: upstream.pathname, method: 'POST', headers, body });
      return {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? 'application/json'),
        body: Buffer.from(await response.body.arrayBuffer()),
      };
    };
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      void (async () => {
        const body = await readBody(req);
        const key = `${req.headers.authorization ?? ''}\n${body.toString()}`;
        let answer = memo.get(key);
        if (answer && !(answer instanceof Promise)) counts.hits += 1;
        else {
          counts.misses += 1;
          if (!answer) {
            const pending = record(req, body);
            memo.set(key, pending);
            // Only a clean answer is kept; anything else is asked for again next time.
            pending.then(
              (done) => (done.status === 200 ? memo.set(key, done) : memo.delete(key)),
              () => memo.delete(key),
            );
            answer = pending;
          }
        }
        const { status, contentType, body: bytes } = await answer;
        res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length });
        res.end(bytes);
      })().catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: `memo stand-in: ${String(error)}` }] }));
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}`;
  }
  // GET /counts: hits and misses since the last call (each call resets them).
  const control = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(counts));
    counts.hits = 0;
    counts.misses = 0;
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}/counts`;
  process.stdout.write(`READY ${JSON.stringify({ urls, controlUrl })}\n`);
  process.on('SIGTERM', () => process.exit(0));
}

void main();
