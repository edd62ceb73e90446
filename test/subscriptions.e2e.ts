/**
 * Subscriptions through the gateway, on the real graph with real clients:
 * graphql-sse (GraphQL over SSE, distinct connections) and graphql-ws over
 * a WebSocket. A staff mutation reaches the citizen's subscription with the
 * other subgraphs' fields resolved; a change that does not commit sends
 * nothing; authorisation, limits, lifetime, token expiry and shutdown end or
 * refuse a subscription with a code of the vocabulary.
 */
import { readFileSync } from 'node:fs';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createGateway, type RunningGateway } from '../gateway/server';
import { readSupergraph } from '../gateway/supergraph';
import { eventsOf } from '../platform/http/event-stream';
import { createLogger } from '../platform/logger';
import { gatewayOptionsOf, loadConfig } from '../runtime/config';
import { seedId, seedSerialId } from '../seed/ids';
import { SUBGRAPHS } from '../subgraphs';
import { createSubgraph } from '../subgraphs/shared/subgraph';
import { type TestGraph, startTestGraph } from './support/graph';

const EDINBURGH = seedId('organisation', 'S12000036');
const GLASGOW = seedId('organisation', 'S12000049');
const CITIZEN = seedSerialId('account', 40);

let graph: TestGraph;
let edinburghStaff: string;
let glasgowStaff: string;
let citizen: string;
const replicas: RunningGateway[] = [];
let keySeq = 0;

interface Result {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const PAYMENT_UPDATED = `subscription Watch($id: ID!) {
  paymentUpdated(id: $id) { id status refunded organisation { name } account { id assuranceLevel } }
}`;

beforeAll(async () => {
  graph = await startTestGraph('default', { RATE_LIMIT_PER_MINUTE: '0' });
  edinburghStaff = await graph.token({ role: 'staff', sub: 'edinburgh-payments-officer', org: EDINBURGH });
  glasgowStaff = await graph.token({ role: 'staff', sub: 'glasgow-payments-officer', org: GLASGOW });
  citizen = await graph.token({ role: 'citizen', sub: CITIZEN });
});

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await graph?.stop();
});

/** Another gateway over the same subgraphs, as another replica would be. */
async function replica(env: Record<string, string> = {}): Promise<RunningGateway> {
  const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0', ...env });
  const gateway = await (
    await createGateway({
      ...gatewayOptionsOf(config, {
        supergraphSdl: readSupergraph(config.projectRoot),
        subgraphUrls: Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
        log: createLogger({ level: 'silent' }),
        verifier: graph.verifier,
      }),
      shutdownTimeoutMs: 2_000,
    })
  ).listen(0);
  replicas.push(gateway);
  return gateway;
}

async function createPayment(accountId: string | null = CITIZEN): Promise<string> {
  const { body } = await graph.post(
    {
      query: 'mutation($input: CreatePaymentInput!) { createPayment(input: $input) { id } }',
      variables: {
        input: {
          idempotencyKey: `subscriptions-${process.pid}-${++keySeq}`,
          organisationId: EDINBURGH,
          direction: 'INBOUND',
          amount: '1500',
          reference: 'SUB-1',
          description: 'Bulky waste collection',
          ...(accountId ? { accountId } : {}),
        },
      },
    },
    edinburghStaff,
  );
  expect(body.errors).toBeUndefined();
  return body.data.createPayment.id;
}

async function changeStatus(paymentId: string, status: string): Promise<Result> {
  const { body } = await graph.post(
    { query: 'mutation($input: ChangePaymentStatusInput!) { changePaymentStatus(input: $input) { id status } }', variables: { input: { paymentId, status } } },
    edinburghStaff,
  );
  return body;
}

/** A subscription's results as they arrive, read one at a time; `next` waits at most `ms`. */
function reader(iterator: AsyncIterableIterator<any>) {
  // A read that timed out is still waiting for the next event: the following read takes it over rather than losing that event.
  let pending: Promise<IteratorResult<any>> | null = null;
  return {
    next: (ms = 5_000) => {
      const read = (pending ??= iterator.next().finally(() => (pending = null)));
      return Promise.race([read, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms).unref())]);
    },
    /** Ends the subscription from the client's side. */
    close: () => iterator.return?.(),
  };
}

function sse(url: string, token?: string) {
  return createSseClient({ url, singleConnection: false, retryAttempts: 0, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** Opens a subscription and resolves once the gateway counts it open, which it does once the owning subgraph listens for its changes. */
async function subscribed<T>(open: () => T, url = graph.gateway.url, count = 1): Promise<T> {
  const before = await openSubscriptions(url);
  const handle = open();
  const deadline = Date.now() + 5_000;
  while ((await openSubscriptions(url)) < before + count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  return handle;
}

async function openSubscriptions(url: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith('graph_subscriptions_open{transport="all"'));
  return Number(line?.split(' ')[1] ?? 0);
}

describe('over SSE (graphql-sse)', () => {
  it("delivers a staff member's status change to the citizen, with other subgraphs' fields resolved", async () => {
    const paymentId = await createPayment();
    const client = sse(graph.gateway.url, citizen);
    const events = await subscribed(() => reader(client.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } })));
    expect((await changeStatus(paymentId, 'STARTED')).errors).toBeUndefined();
    const first = await events.next();
    expect(first.value).toEqual({
      data: {
        paymentUpdated: {
          id: paymentId,
          status: 'STARTED',
          refunded: '0',
          organisation: { name: 'City of Edinburgh' },
          account: { id: CITIZEN, assuranceLevel: expect.any(String) },
        },
      },
    });
    expect((await changeStatus(paymentId, 'SUBMITTED')).errors).toBeUndefined();
    expect((await events.next()).value.data.paymentUpdated.status).toBe('SUBMITTED');
    await events.close();
    client.dispose();
  });

  it('sends nothing for a change that did not commit', async () => {
    const paymentId = await createPayment();
    const client = sse(graph.gateway.url, citizen);
    const events = await subscribed(() => reader(client.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } })));
    // CREATED cannot become SUCCESS: the transaction rolls back with CONFLICT.
    const refused = await changeStatus(paymentId, 'SUCCESS');
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    await expect(events.next(1_000)).rejects.toThrow(/no event/);
    // The next committed change is the first event the subscriber sees.
    expect((await changeStatus(paymentId, 'STARTED')).errors).toBeUndefined();
    expect((await events.next()).value.data.paymentUpdated.status).toBe('STARTED');
    await events.close();
    client.dispose();
  });

  it("refuses another council's staff with FORBIDDEN and delivers nothing", async () => {
    const paymentId = await createPayment();
    const client = sse(graph.gateway.url, glasgowStaff);
    const events = reader(client.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } }));
    const first = await events.next();
    expect(first.value.data ?? null).toBeNull();
    expect(first.value.errors.map((error: any) => error.extensions.code)).toEqual(['FORBIDDEN']);
    expect((await events.next()).done).toBe(true);
    client.dispose();
  });

  it('refuses a subscription over the query limits and a partner that sends free text, before any stream', async () => {
    const nested = (levels: number): string => (levels === 0 ? 'name' : `payments { nodes { organisation { ${nested(levels - 1)} } } }`);
    const deep = `subscription { paymentUpdated(id: "${seedId('payment', 'none')}") { organisation { ${nested(5)} } } }`;
    const tooDeep = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${edinburghStaff}` },
      body: JSON.stringify({ query: deep }),
    });
    expect(tooDeep.status).toBe(400);
    expect(((await tooDeep.json()) as Result).errors?.[0].extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    const partner = await graph.token({ role: 'partner', sub: 'council-tax-portal', org: EDINBURGH });
    const freeText = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${partner}` },
      body: JSON.stringify({ query: PAYMENT_UPDATED, variables: { id: seedId('payment', 'none') } }),
    });
    expect(freeText.status).toBe(400);
    expect(((await freeText.json()) as Result).errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });

  it('refuses variables that do not fit with 400 BAD_USER_INPUT, before any stream', async () => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${citizen}` },
      body: JSON.stringify({ query: PAYMENT_UPDATED, variables: { id: { not: 'an id' } } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Result).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a subscription sent as a plain POST with SUBSCRIPTION_NOT_SUPPORTED, saying where subscriptions are served', async () => {
    const { status, body } = await graph.post({ query: PAYMENT_UPDATED, variables: { id: seedId('payment', 'none') } }, citizen);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('SUBSCRIPTION_NOT_SUPPORTED');
    expect(body.errors[0].message).toMatch(/text\/event-stream/);
  });
});

describe('over a WebSocket (graphql-ws)', () => {
  it("delivers an organisation's payment changes to its staff", async () => {
    const paymentId = await createPayment(null);
    const client = createWsClient({
      url: graph.gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${edinburghStaff}` },
      retryAttempts: 0,
    });
    const events = await subscribed(() =>
      reader(
        client.iterate<any>({
          query: `subscription($org: ID!) { organisationPaymentsUpdated(organisationId: $org, status: STARTED) { id status organisation { name } } }`,
          variables: { org: EDINBURGH },
        }),
      ),
    );
    expect((await changeStatus(paymentId, 'STARTED')).errors).toBeUndefined();
    expect((await events.next()).value).toEqual({
      data: { organisationPaymentsUpdated: { id: paymentId, status: 'STARTED', organisation: { name: 'City of Edinburgh' } } },
    });
    await events.close();
    await client.dispose();
  });

  it('refuses a bad token when the socket connects', async () => {
    const closed = new Promise<number>((resolve) => {
      const client = createWsClient({
        url: graph.gateway.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: 'Bearer not-a-token' },
        retryAttempts: 0,
        lazy: false,
        // The refusal is what this test waits for; graphql-ws would also print it.
        onNonLazyError: () => undefined,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      client.on('error', () => undefined);
    });
    expect(await closed).toBe(4403);
  });
});

describe("a citizen's own consents (identity)", () => {
  const CONSENTS = 'subscription { consentsUpdated { id active purpose organisation { name } } }';

  it('shows a consent given and then withdrawn elsewhere, as each commits', async () => {
    const client = sse(graph.gateway.url, citizen);
    const events = await subscribed(() => reader(client.iterate<any>({ query: CONSENTS })));
    const granted = await graph.post(
      {
        query: 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
        variables: { input: { organisationId: GLASGOW, attributes: ['EMAIL'], purpose: 'Bin collection reminders' } },
      },
      citizen,
    );
    expect(granted.body.errors).toBeUndefined();
    const consentId = granted.body.data.grantConsent.id;
    expect((await events.next()).value).toEqual({
      data: { consentsUpdated: { id: consentId, active: true, purpose: 'Bin collection reminders', organisation: { name: 'Glasgow City' } } },
    });
    const withdrawn = await graph.post({ query: 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', variables: { id: consentId } }, citizen);
    expect(withdrawn.body.errors).toBeUndefined();
    expect((await events.next()).value.data.consentsUpdated).toMatchObject({ id: consentId, active: false });
    await events.close();
    client.dispose();
  });

  it('is for citizens only: staff are refused with FORBIDDEN, anonymous callers with UNAUTHENTICATED', async () => {
    for (const [token, code] of [
      [edinburghStaff, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const client = sse(graph.gateway.url, token);
      const events = reader(client.iterate<any>({ query: CONSENTS }));
      const first = await events.next();
      expect(first.value.errors.map((error: any) => error.extensions.code)).toEqual([code]);
      expect((await events.next()).done).toBe(true);
      client.dispose();
    }
  });
});

describe('authorised again for every event', () => {
  it("shows staff what the citizen's consent allows at each event: a withdrawal between two changes takes the attribute away", async () => {
    const granted = await graph.post(
      {
        query: 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
        variables: { input: { organisationId: EDINBURGH, attributes: ['EMAIL'], purpose: 'Payment receipts by email' } },
      },
      citizen,
    );
    expect(granted.body.errors).toBeUndefined();
    const paymentId = await createPayment();
    const client = sse(graph.gateway.url, edinburghStaff);
    const events = await subscribed(() =>
      reader(
        client.iterate<any>({
          query: 'subscription($id: ID!) { paymentUpdated(id: $id) { status account { id attributesVisibleToYou { kinds } } } }',
          variables: { id: paymentId },
        }),
      ),
    );
    expect((await changeStatus(paymentId, 'STARTED')).errors).toBeUndefined();
    const before = (await events.next()).value.data.paymentUpdated;
    expect(before.account.attributesVisibleToYou.kinds).toContain('EMAIL');
    const withdrawn = await graph.post(
      { query: 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', variables: { id: granted.body.data.grantConsent.id } },
      citizen,
    );
    expect(withdrawn.body.errors).toBeUndefined();
    expect((await changeStatus(paymentId, 'SUBMITTED')).errors).toBeUndefined();
    const after = (await events.next()).value.data.paymentUpdated;
    expect(after.status).toBe('SUBMITTED');
    expect(after.account?.attributesVisibleToYou?.kinds ?? []).not.toContain('EMAIL');
    await events.close();
    client.dispose();
  });
});

describe('when the subgraph stops listening for a moment', () => {
  it("sends a watched payment again, read afresh, and ends an organisation's list with SUBSCRIPTION_CLOSED so it is read again", async () => {
    const paymentId = await createPayment();
    const client = sse(graph.gateway.url, edinburghStaff);
    const one = await subscribed(() => reader(client.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } })));
    const list = await subscribed(() =>
      reader(
        client.iterate<any>({ query: 'subscription($org: ID!) { organisationPaymentsUpdated(organisationId: $org) { id } }', variables: { org: EDINBURGH } }),
      ),
    );
    // Cuts every listening connection of the subgraphs; each listens again at once, and changes committed meanwhile may be lost.
    await graph.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cpg-changes' AND datname = current_database()`);
    expect((await one.next()).value.data.paymentUpdated).toMatchObject({ id: paymentId, status: 'CREATED' });
    const ended = await list.next();
    expect(ended.value.errors[0].extensions).toEqual({ code: 'SUBSCRIPTION_CLOSED', reconnect: true });
    expect((await list.next()).done).toBe(true);
    // The payment's own subscription goes on.
    expect((await changeStatus(paymentId, 'STARTED')).errors).toBeUndefined();
    expect((await one.next()).value.data.paymentUpdated.status).toBe('STARTED');
    await one.close();
    client.dispose();
  });
});

describe("a partner's safelisted subscription", () => {
  it("runs by its manifest id over SSE and delivers the partner organisation's changes", async () => {
    const disclosure = seedId('organisation', 'disclosure-scotland');
    const partner = await graph.token({ role: 'partner', sub: 'disclosure-scotland', org: disclosure });
    const manifest = JSON.parse(readFileSync('persisted-queries/disclosure-scotland.json', 'utf8')) as { operations: { id: string; name: string }[] };
    const { id } = manifest.operations.find((operation) => operation.name === 'PaymentsUpdated')!;
    const aborted = new AbortController();
    const response = await subscribed(() =>
      fetch(graph.gateway.url, {
        method: 'POST',
        headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${partner}` },
        body: JSON.stringify({ variables: { organisationId: disclosure }, extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
        signal: aborted.signal,
      }),
    );
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(answered.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // A payment of the partner's organisation, made by its own staff: the partner's subscription sees it.
    const staff = await graph.token({ role: 'staff', sub: 'disclosure-officer', org: disclosure });
    const payment = await graph.post(
      {
        query: 'mutation($input: CreatePaymentInput!) { createPayment(input: $input) { id } }',
        variables: {
          input: {
            idempotencyKey: `partner-live-${process.pid}`,
            organisationId: disclosure,
            direction: 'INBOUND',
            amount: '4200',
            reference: 'PVG-1',
            description: 'Disclosure check',
          },
        },
      },
      staff,
    );
    expect(payment.body.errors).toBeUndefined();
    const events = eventsOf(answered.body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    let next = await events.next();
    while (!next.done && next.value.event !== 'next') next = await events.next();
    expect(JSON.parse(next.value!.data)).toEqual({
      data: {
        organisationPaymentsUpdated: {
          __typename: 'Payment',
          id: payment.body.data.createPayment.id,
          reference: 'PVG-1',
          amount: '4200',
          status: 'CREATED',
          direction: 'INBOUND',
        },
      },
    });
    aborted.abort();
  });
});

describe("the owning subgraph's side of the protocol", () => {
  /** A subscription sent straight to the payments subgraph (the test graph signs nothing), as the gateway sends it. */
  const direct = (body: unknown, token = citizen) =>
    fetch(graph.subgraphs.payments.url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it('refuses what does not validate and variables that do not fit with 400 and a code, before any stream', async () => {
    const invalid = await direct({ query: 'subscription { paymentUpdated(id: "x") { nope } }' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as Result).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unparsable = await direct({ query: 'subscription {' });
    expect(unparsable.status).toBe(400);
    expect(((await unparsable.json()) as Result).errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const variables = await direct({ query: 'subscription($id: ID!) { paymentUpdated(id: $id) { id } }', variables: { id: { not: 'an id' } } });
    expect(variables.status).toBe(400);
    expect(((await variables.json()) as Result).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('ends its streams with SUBSCRIPTION_CLOSED and a reconnect hint when it shuts down, and drains without cutting them', async () => {
    // A second payments subgraph over the same database, to stop without stopping the graph.
    const subgraph = await (
      await createSubgraph(SUBGRAPHS.payments, { dataSource: graph.dataSources.payments, log: createLogger({ level: 'silent' }), verifier: graph.verifier })
    ).listen(0);
    const paymentId = await createPayment();
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${citizen}` },
      body: JSON.stringify({ query: 'subscription($id: ID!) { paymentUpdated(id: $id) { id } }', variables: { id: paymentId } }),
    });
    expect(response.status).toBe(200);
    const stopped = subgraph.stop();
    const events: { event: string; data: string }[] = [];
    for await (const event of eventsOf(response.body as unknown as AsyncIterable<Uint8Array>)) events.push(event);
    expect(events.map((event) => event.event)).toEqual(['next', 'complete']);
    expect((JSON.parse(events[0].data) as Result).errors?.[0].extensions).toEqual({ code: 'SUBSCRIPTION_CLOSED', reconnect: true });
    expect((await stopped).cut).toBe(0);
  });

  it("answers the field's own refusal as one event and completes: a malformed id is BAD_USER_INPUT", async () => {
    const response = await direct({ query: 'subscription { paymentUpdated(id: "not-a-uuid") { id } }' });
    expect(response.status).toBe(200);
    const events: { event: string; data: string }[] = [];
    for await (const event of eventsOf(response.body as unknown as AsyncIterable<Uint8Array>)) events.push(event);
    expect(events.map((event) => event.event)).toEqual(['next', 'complete']);
    expect((JSON.parse(events[0].data) as Result).errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('across replicas and limits', () => {
  it('delivers the same change through two gateways', async () => {
    const second = await replica();
    const paymentId = await createPayment();
    const one = sse(graph.gateway.url, citizen);
    const two = sse(second.url, citizen);
    const first = await subscribed(() => reader(one.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } })));
    const other = await subscribed(() => reader(two.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } })), second.url);
    expect((await changeStatus(paymentId, 'STARTED')).errors).toBeUndefined();
    const [a, b] = await Promise.all([first.next(), other.next()]);
    expect(a.value.data.paymentUpdated.status).toBe('STARTED');
    expect(b.value).toEqual(a.value);
    await first.close();
    await other.close();
    one.dispose();
    two.dispose();
  });

  it('refuses a subscription beyond the per-client limit with 429 TOO_MANY_SUBSCRIPTIONS', async () => {
    const limited = await replica({ SUBSCRIPTIONS_PER_CLIENT: '1' });
    const paymentId = await createPayment();
    const client = sse(limited.url, citizen);
    const held = await subscribed(() => reader(client.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } })), limited.url);
    const response = await fetch(limited.url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${citizen}` },
      body: JSON.stringify({ query: PAYMENT_UPDATED, variables: { id: paymentId } }),
    });
    expect(response.status).toBe(429);
    expect(((await response.json()) as Result).errors?.[0].extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    await held.close();
    client.dispose();
  });

  it('ends a subscription at its longest lifetime, and when the token expires, with a reconnect hint', async () => {
    const short = await replica({ SUBSCRIPTION_MAX_LIFETIME_MS: '1000' });
    const paymentId = await createPayment();
    const lifetime = sse(short.url, citizen);
    const ended = reader(lifetime.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } }));
    const last = await ended.next(4_000);
    expect(last.value.errors[0].extensions).toEqual({ code: 'SUBSCRIPTION_CLOSED', reconnect: true });
    expect((await ended.next()).done).toBe(true);
    lifetime.dispose();

    const expiring = await graph.token({ role: 'citizen', sub: CITIZEN }, { expiresIn: '2s' });
    const client = sse(graph.gateway.url, expiring);
    const events = reader(client.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } }));
    const expired = await events.next(5_000);
    expect(expired.value.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reconnect: true });
    expect((await events.next()).done).toBe(true);
    client.dispose();
  });

  it('closes subscriptions with SUBSCRIPTION_CLOSED and a reconnect hint when the gateway shuts down, and drains without cutting them', async () => {
    const closing = await replica();
    const paymentId = await createPayment();
    const client = sse(closing.url, citizen);
    const events = await subscribed(() => reader(client.iterate<any>({ query: PAYMENT_UPDATED, variables: { id: paymentId } })), closing.url);
    const stopped = closing.stop();
    const last = await events.next();
    expect(last.value.errors[0].extensions).toEqual({ code: 'SUBSCRIPTION_CLOSED', reconnect: true });
    expect((await events.next()).done).toBe(true);
    expect((await stopped).cut).toBe(0);
    replicas.splice(replicas.indexOf(closing), 1);
    client.dispose();
  });
});
