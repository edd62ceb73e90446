import type { ServiceMap } from '@apollo/gateway';
import {
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  GraphQLError,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { ErrorCode } from '../../platform/errors';
import { PushQueue } from '../../platform/push-queue';
import { TokenError, type TokenVerifier, type Viewer } from '../../platform/tokens';
import type { GatewayContext } from '../context';
import { resolveEvent } from './event-resolution';
import { type GatewayInternals, planSubscription, type SubscriptionPlan } from './plan';
import { subscribeUpstream, subscriptionClosed, UpstreamLost } from './upstream';

/** How many subscriptions may be open, and for how long. */
export interface SubscriptionLimits {
  /** Open subscriptions one client may hold (a signed-in viewer, or an anonymous caller's address). @default 20 */
  perClient: number;
  /** Open subscriptions one gateway process serves. @default 10,000 */
  max: number;
  /** Longest a subscription stays open; then it ends with SUBSCRIPTION_CLOSED (reconnect: true). @default 3,600,000 (an hour) */
  maxLifetimeMs: number;
  /** A subscription that delivered nothing for this long ends with SUBSCRIPTION_CLOSED (reconnect: true). @default 1,800,000 (30 minutes) */
  idleMs: number;
  /** How often a quiet stream carries a heartbeat (an SSE comment, a WebSocket ping). @default 12,000 */
  heartbeatMs: number;
}

export const SUBSCRIPTION_DEFAULTS: SubscriptionLimits = { perClient: 20, max: 10_000, maxLifetimeMs: 3_600_000, idleMs: 1_800_000, heartbeatMs: 12_000 };

/** Events one subscriber may fall behind by before its subscription is ended (it would otherwise hold them all in memory). */
const MAX_QUEUED_EVENTS = 64;

export interface SubscribeRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  viewer: Viewer;
  authorization: string | undefined;
  requestId: string;
  log: Logger;
  /** Whose count the subscription is held against: the viewer, or an anonymous caller's address. */
  client: string;
}

/** A subscription refused before it starts, with the HTTP status an event-stream request answers it with. */
export interface Refusal {
  status: number;
  errors: GraphQLFormattedError[];
}

export type Subscribed = { stream: AsyncIterableIterator<ExecutionResult> } | { refusal: Refusal } | { notSubscription: true };

export interface SubscriptionsOptions {
  gateway: GatewayInternals;
  /** The URL of a subgraph by its name (the operator's override, else the supergraph's). */
  urlOf(serviceName: string): string | undefined;
  /** Signs the calls to the owning subgraph, as every subgraph call is signed. */
  secret: string | null;
  verifier: TokenVerifier;
  limits: SubscriptionLimits;
  /** The same rules and parser limits queries get. */
  validationRules: readonly ValidationRule[];
  parseOptions: ParseOptions;
  /** The gateway's own error formatting (masking, limit codes), for every error a subscriber is sent. */
  formatError(error: GraphQLError): GraphQLFormattedError;
  log: Logger;
  /** Told of each subscription opened or closed, and each event delivered. */
  onChange?(open: number): void;
  onEvent?(): void;
}

const refusal = (status: number, code: ErrorCode, message: string): { refusal: Refusal } => ({
  refusal: { status, errors: [{ message, extensions: { code } }] },
});

/**
 * The gateway's subscriptions, whatever the transport: checks a
 * subscription like a query (parse and query limits, validation), plans it
 * with the federation planner, holds it against the per-client and
 * per-gateway limits, sends it on to the subgraph that owns the field with
 * the subscriber's own token, and resolves each event across the graph with
 * that token, checking it again for every event. A subscription ends when
 * its client goes, the subgraph completes it, the token expires, its
 * lifetime or idle time is over, or the gateway shuts down; the last four
 * end with an error saying so.
 */
export class Subscriptions {
  private readonly live = new Set<Live>();
  private readonly perClient = new Map<string, number>();
  private readonly plans = new Map<string, SubscriptionPlan>();
  private plansFor: SubscriptionPlan['apiSchema'] | undefined;
  private closing = false;

  constructor(private readonly options: SubscriptionsOptions) {}

  /** Open subscriptions now. */
  open(): number {
    return this.live.size;
  }

  /** Checks, plans and starts a subscription; a query or mutation is left to the caller. */
  async subscribe(request: SubscribeRequest): Promise<Subscribed> {
    const { options } = this;
    if (typeof request.query !== 'string' || request.query === '') return refusal(400, ErrorCode.BAD_REQUEST, 'The request needs a `query` string.');
    if (request.operationName !== undefined && request.operationName !== null && typeof request.operationName !== 'string') {
      return refusal(400, ErrorCode.BAD_REQUEST, '`operationName` must be a string.');
    }
    if (request.variables !== undefined && request.variables !== null && (typeof request.variables !== 'object' || Array.isArray(request.variables))) {
      return refusal(400, ErrorCode.BAD_REQUEST, '`variables` must be an object.');
    }
    let document: DocumentNode;
    try {
      document = parse(request.query, options.parseOptions);
    } catch (error) {
      return { refusal: { status: 400, errors: [options.formatError(withCode(error as GraphQLError, ErrorCode.GRAPHQL_PARSE_FAILED))] } };
    }
    const operationName = (request.operationName as string | null | undefined) ?? undefined;
    const operation = operationOf(document, operationName);
    if (!operation)
      return refusal(
        400,
        ErrorCode.OPERATION_RESOLUTION_FAILURE,
        operationName ? `Unknown operation named "${operationName.slice(0, 100)}".` : 'Name the operation to run.',
      );
    if (operation.operation !== 'subscription') return { notSubscription: true };
    const schema = options.gateway.schema;
    if (!schema) return refusal(503, ErrorCode.SERVICE_UNAVAILABLE, 'The gateway is starting: try again in a moment.');
    const invalid = validate(schema, document, [...specifiedRules, ...options.validationRules]);
    if (invalid.length > 0) {
      return { refusal: { status: 400, errors: invalid.map((error) => options.formatError(withCode(error, ErrorCode.GRAPHQL_VALIDATION_FAILED))) } };
    }
    // graphql-js validates the fields of a root type only when the schema has one.
    if (!schema.getSubscriptionType()) return refusal(400, ErrorCode.GRAPHQL_VALIDATION_FAILED, 'This graph has no subscription fields.');
    // Variables are checked here, as for queries, so one that does not fit is a 400 before any stream.
    const variables = (request.variables ?? {}) as Record<string, unknown>;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
    if (coerced.errors) {
      return { refusal: { status: 400, errors: coerced.errors.map((error) => options.formatError(withCode(error, ErrorCode.BAD_USER_INPUT))) } };
    }
    if (this.closing) return refusal(503, ErrorCode.SERVICE_UNAVAILABLE, 'This gateway is shutting down: subscribe again in a moment.');
    if (this.live.size >= options.limits.max) {
      return refusal(429, ErrorCode.TOO_MANY_SUBSCRIPTIONS, `This gateway serves ${options.limits.max} subscriptions at most: subscribe again in a moment.`);
    }
    const held = this.perClient.get(request.client) ?? 0;
    if (held >= options.limits.perClient) {
      return refusal(429, ErrorCode.TOO_MANY_SUBSCRIPTIONS, `At most ${options.limits.perClient} subscriptions may be open at once: end one first.`);
    }
    const plan = this.planOf(request.query, document, operationName);
    const url = options.urlOf(plan.primary.serviceName);
    if (!url) throw new Error(`no URL for the ${plan.primary.serviceName} subgraph`);
    const live = new Live(this, plan, url, variables, request);
    this.live.add(live);
    this.perClient.set(request.client, held + 1);
    live.start();
    // Answered once the owning subgraph listens: a client that has its stream misses no change committed after.
    await live.opened;
    options.onChange?.(this.live.size);
    return { stream: live.queue };
  }

  /** Ends every subscription with SUBSCRIPTION_CLOSED (reconnect: true) and refuses new ones: the first step of a shutdown. */
  closeAll(): number {
    this.closing = true;
    const count = this.live.size;
    for (const live of [...this.live]) live.end(subscriptionClosed('This gateway is shutting down: subscribe again.', true));
    return count;
  }

  /** @internal a subscription that ended gives its place back. */
  released(live: Live, client: string): void {
    if (!this.live.delete(live)) return;
    const held = (this.perClient.get(client) ?? 1) - 1;
    if (held <= 0) this.perClient.delete(client);
    else this.perClient.set(client, held);
    this.options.onChange?.(this.live.size);
  }

  /** @internal */
  get settings(): SubscriptionsOptions {
    return this.options;
  }

  /** @internal the data sources of the supergraph served now. */
  services(): ServiceMap {
    const map: ServiceMap = {};
    for (const [name, { dataSource }] of Object.entries(this.options.gateway.serviceMap)) map[name] = dataSource as ServiceMap[string];
    return map;
  }

  /** Plans are kept per query text, until the supergraph changes (a reload builds a new API schema). */
  private planOf(query: string, document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    if (this.plansFor !== this.options.gateway.apiSchema) {
      this.plans.clear();
      this.plansFor = this.options.gateway.apiSchema;
    }
    const key = `${operationName ?? ''}\n${query}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = planSubscription(this.options.gateway, document, operationName);
      if (this.plans.size >= 1_000) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, plan);
    }
    return plan;
  }
}

function operationOf(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** One open subscription: its upstream stream, its timers, and the queue its transport reads. */
class Live {
  readonly queue: PushQueue<ExecutionResult>;
  private readonly abort = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  private idle: NodeJS.Timeout | null = null;
  private readonly context: GatewayContext;
  private markOpened!: () => void;
  /** Resolves when the owning subgraph's stream is open, or the subscription ended before it was. */
  readonly opened = new Promise<void>((resolve) => {
    this.markOpened = resolve;
  });

  constructor(
    private readonly owner: Subscriptions,
    private readonly plan: SubscriptionPlan,
    private readonly url: string,
    private readonly variables: Record<string, unknown>,
    private readonly request: SubscribeRequest,
  ) {
    this.queue = new PushQueue<ExecutionResult>(MAX_QUEUED_EVENTS, () => this.release());
    this.context = { requestId: request.requestId, log: request.log, viewer: request.viewer, authorization: request.authorization, rateLimit: null };
  }

  start(): void {
    const { limits } = this.owner.settings;
    this.after(limits.maxLifetimeMs, () => this.end(subscriptionClosed('This subscription reached its longest lifetime: subscribe again.', true)));
    this.touch();
    const expiry = tokenExpiry(this.request.authorization);
    if (expiry !== null) this.after(Math.max(0, expiry - Date.now()), () => this.end(expired()));
    this.request.log.info(
      { subscription: this.plan.primary.serviceName, operationName: this.plan.operationContext.operation.name?.value },
      'subscription opened',
    );
    void this.pump();
  }

  /** Ends with `error` as the last result (if any); the client reads it, then the stream completes. */
  end(error?: GraphQLError): void {
    this.markOpened();
    if (this.queue.done) return;
    if (error) this.queue.push({ errors: [this.owner.settings.formatError(error)] as unknown as GraphQLError[] });
    this.queue.end();
    this.release();
  }

  private release(): void {
    this.abort.abort();
    for (const timer of this.timers) clearTimeout(timer);
    if (this.idle) clearTimeout(this.idle);
    this.owner.released(this, this.request.client);
  }

  private after(ms: number, run: () => void): void {
    // setTimeout takes at most 2^31-1 ms; longer lifetimes are not worth a timer.
    if (ms > 2_147_483_647) return;
    const timer = setTimeout(run, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private touch(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(
      () => this.end(subscriptionClosed('This subscription delivered nothing for too long: subscribe again.', true)),
      this.owner.settings.limits.idleMs,
    );
    this.idle.unref();
  }

  private async pump(): Promise<void> {
    const { settings } = this.owner;
    const { primary } = this.plan;
    try {
      const events = subscribeUpstream({
        url: this.url,
        serviceName: primary.serviceName,
        query: primary.operation,
        variables: pick(this.variables, primary.variableUsages),
        operationName: primary.operationName,
        authorization: this.request.authorization,
        requestId: this.request.requestId,
        secret: settings.secret,
        signal: this.abort.signal,
        onOpen: () => this.markOpened(),
      });
      for await (const event of events) {
        this.markOpened();
        if (this.queue.done) return;
        // The token is checked again for every event: one withdrawn or expired since the subscription began sees nothing more.
        try {
          await settings.verifier.verify(this.request.authorization);
        } catch (error) {
          if (error instanceof TokenError) return this.end(expired());
          throw error;
        }
        if (event.data === null || event.data === undefined) {
          // Refused by the subgraph (FORBIDDEN, NOT_FOUND …): passed on as it is, and the subscription ends.
          this.queue.push({ errors: (event.errors ?? []).map((error) => settings.formatError(asError(error))) as unknown as GraphQLError[] });
          return this.end();
        }
        const result = await resolveEvent(this.plan, event, this.owner.services(), { variables: this.variables, context: this.context });
        if (this.queue.done) return;
        const delivered = this.queue.push(
          result.errors ? { ...result, errors: result.errors.map((error) => settings.formatError(asError(error))) as unknown as GraphQLError[] } : result,
        );
        if (!delivered) return this.end(subscriptionClosed('This subscriber fell too far behind the events: subscribe again.', true));
        settings.onEvent?.();
        this.touch();
      }
      this.end();
    } catch (error) {
      if (error instanceof UpstreamLost) {
        this.request.log.warn({ reason: error.message }, 'subscription ended: its subgraph went away');
        return this.end(subscriptionClosed('The service behind this subscription went away: subscribe again.', true));
      }
      this.request.log.error({ err: error }, 'subscription failed');
      this.end(new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }));
    }
  }
}

function pick(variables: Record<string, unknown>, names: readonly string[] | undefined): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names ?? []) if (name in variables) picked[name] = variables[name];
  return picked;
}

function asError(error: GraphQLError | GraphQLFormattedError): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}

function expired(): GraphQLError {
  return subscriptionClosed('Your sign-in expired: subscribe again with a fresh token.', true, ErrorCode.UNAUTHENTICATED);
}

/** When the bearer token stops being valid, in ms since the epoch; it was verified already, so only its `exp` is read. */
function tokenExpiry(authorization: string | undefined): number | null {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token) return null;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
