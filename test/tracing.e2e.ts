import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: string } }[];
}

/** A real OTLP/HTTP receiver on port 0: what a collector would be sent. */
describe('tracing', () => {
  const spans: ExportedSpan[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resource of body.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  let graph: TestGraph;
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    graph = await startTestGraph('default', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` });
    const edinburgh = seedId('organisation', 'S12000036');
    const staff = await graph.token({ role: 'staff', sub: 'officer', org: edinburgh });
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({
        operationName: 'Traced',
        query: `query Traced { organisation(id: "${edinburgh}") { name payments(first: 2) { nodes { amount } } } }`,
      }),
    });
    expect(response.status).toBe(200);
    // Stopping flushes the exporter.
    await graph.stop();
  });

  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  const attribute = (span: ExportedSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

  it("continues the caller's W3C trace through the gateway, every subgraph it calls, and their SQL", () => {
    const inTrace = spans.filter((span) => span.traceId === traceId);
    const servers = inTrace
      .filter((span) => span.name === 'POST /graphql')
      .map((span) => attribute(span, 'graph.component'))
      .sort();
    expect(servers).toEqual(['gateway', 'organisations', 'payments']);
    expect(inTrace.filter((span) => span.name === 'fetch payments').length).toBe(1);
    const sql = inTrace.filter((span) => span.name.startsWith('SQL '));
    expect(sql.map((span) => span.name)).toEqual(expect.arrayContaining(['SQL organisations', 'SQL payments']));
    // A SQL span hangs under its subgraph's server span, which hangs under the gateway's fetch span.
    const byId = new Map(inTrace.map((span) => [span.spanId, span]));
    const paymentsSql = sql.find((span) => span.name === 'SQL payments')!;
    const paymentsServer = byId.get(paymentsSql.parentSpanId!)!;
    expect(attribute(paymentsServer, 'graph.component')).toBe('payments');
    expect(byId.get(paymentsServer.parentSpanId!)!.name).toBe('fetch payments');
  });

  it('never puts query parameters or tokens in spans', () => {
    const text = JSON.stringify(spans);
    expect(text).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}/);
    for (const span of spans.filter((s) => s.name.startsWith('SQL '))) expect(attribute(span, 'db.query.text')).toEqual(expect.any(String));
  });
});
