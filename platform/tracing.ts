import { type Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { DataSource, QueryRunner } from 'typeorm';

export const tracer = () => trace.getTracer('scotland-graph');

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing when an OTLP endpoint is configured: W3C trace
 * context in and out of every process, spans exported over OTLP/HTTP. With
 * no endpoint nothing is registered and the API stays a no-op, so tracing
 * costs nothing when it is off.
 */
export function startTracing(endpoint: string | null, serviceName: string): Tracing {
  if (!endpoint) return { shutdown: async () => {} };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }))],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/** Runs `work` in a span, ending it (and marking failures) whatever happens. */
export function inSpan<T>(
  name: string,
  options: { kind: SpanKind; attributes?: Record<string, string | number> },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Every SQL statement of a DataSource in a client span, as a child of the request's span (the statement text only, never its parameters). */
export function traceQueries(dataSource: DataSource, schema: string): void {
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    (runner as { query: unknown }).query = (sql: string, ...rest: unknown[]) =>
      trace.getActiveSpan()
        ? inSpan(
            `SQL ${schema}`,
            { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.namespace': schema, 'db.query.text': sql.slice(0, 2000) } },
            () => query(sql, ...rest),
          )
        : query(sql, ...rest);
    return runner;
  };
}

export { SpanKind, context, propagation, trace };
export type { Context } from '@opentelemetry/api';
