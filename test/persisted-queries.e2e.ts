import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import { createFragmentRegistry } from '@apollo/client/cache';
import { addTypenameToDocument } from '@apollo/client/utilities';
import { sortTopLevelDefinitions } from '@apollo/persisted-query-lists';
import { type DocumentNode, Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { of } from 'rxjs';
import {
  type ManifestOperation,
  type PersistedQueryManifest,
  addTypename,
  buildManifest,
  loadSafelists,
  ManifestError,
  parseManifest,
  sha256,
} from '../gateway/persisted-queries';
import { apiSchemaOf, readSupergraph } from '../gateway/supergraph';
import { createLogger } from '../platform/logger';
import { seedId } from '../seed/ids';
import { persistedQueryClient } from './support/apollo-client';
import { type TestGraph, startTestGraph } from './support/graph';

const DISCLOSURE = seedId('organisation', 'disclosure-scotland');
const manifest = JSON.parse(readFileSync('persisted-queries/disclosure-scotland.json', 'utf8')) as PersistedQueryManifest;
const operation = (name: string) => manifest.operations.find((op) => op.name === name)!;
const REDIS_URL = process.env.CPG_TEST_REDIS_URL;

let graph: TestGraph;
let partner: string;
let logLines: any[];

beforeAll(async () => {
  logLines = [];
  const log = createLogger({ level: 'info', name: 'test', destination: { write: (line: string) => logLines.push(JSON.parse(line)) } });
  graph = await startTestGraph('default', {}, log);
  partner = await graph.token({ role: 'partner', sub: 'disclosure-scotland', org: DISCLOSURE });
}, 60_000);
afterAll(() => graph?.stop());

/** A query no earlier run has registered, so the APQ store starts without it. */
function freshQuery() {
  return gql`query Councils { c${randomBytes(4).toString('hex')}: organisations(first: 3, type: LOCAL_AUTHORITY) { nodes { name gssCode } } }`;
}

describe('automatic persisted queries with @apollo/client', () => {
  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, registers it with the query, then runs it by hash alone', async () => {
    const query = freshQuery();
    const first = persistedQueryClient(graph.gateway.url);
    const result = await first.client.query({ query });
    expect((result.data as any)[Object.keys(result.data as object)[0]].nodes).toHaveLength(3);
    expect(first.sent).toEqual([
      { hash: expect.stringMatching(/^[0-9a-f]{64}$/), withQuery: false, status: 200, codes: ['PERSISTED_QUERY_NOT_FOUND'] },
      { hash: first.sent[0].hash, withQuery: true, status: 200, codes: [] },
    ]);
    // Another client, same operation: the hash alone is enough now.
    const second = persistedQueryClient(graph.gateway.url);
    await second.client.query({ query });
    expect(second.sent).toEqual([{ hash: first.sent[0].hash, withQuery: false, status: 200, codes: [] }]);
  });

  it('refuses a query whose text does not match the hash sent with it', async () => {
    const { status, body } = await graph.post({
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ somethingElse }') } },
    });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  (REDIS_URL ? it : it.skip)(
    'keeps the store in Redis, so a second gateway knows a hash the first learnt',
    async () => {
      const [one, two] = await Promise.all([startTestGraph('none', { REDIS_URL: REDIS_URL! }), startTestGraph('none', { REDIS_URL: REDIS_URL! })]);
      try {
        const query = freshQuery();
        const first = persistedQueryClient(one.gateway.url);
        await first.client.query({ query });
        expect(first.sent.map((s) => s.codes)).toEqual([['PERSISTED_QUERY_NOT_FOUND'], []]);
        const second = persistedQueryClient(two.gateway.url);
        await second.client.query({ query });
        expect(second.sent).toEqual([{ hash: first.sent[0].hash, withQuery: false, status: 200, codes: [] }]);
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
    },
    60_000,
  );
});

describe('partner safelists', () => {
  it("runs a partner's registered operation by its manifest id, from @apollo/client with @apollo/persisted-query-lists", async () => {
    const { client, sent } = persistedQueryClient(graph.gateway.url, { token: partner, manifest });
    const { data } = await client.query({ query: gql(operation('CouncilByGssCode').body), variables: { gssCode: 'S12000036' } });
    expect((data as any).organisationByGssCode).toMatchObject({ name: 'City of Edinburgh', gssCode: 'S12000036' });
    expect(sent).toEqual([{ hash: operation('CouncilByGssCode').id, withQuery: false, status: 200, codes: [] }]);

    const payments = await client.query({ query: gql(operation('RecentPayments').body), variables: { organisationId: DISCLOSURE, first: 2 } });
    expect((payments.data as any).organisation.payments.nodes).toHaveLength(2);
  });

  it("runs the manifest's text, not text sent alongside the id", async () => {
    const { status, body } = await graph.post(
      {
        query: '{ organisations(first: 1) { nodes { name } } }',
        variables: { gssCode: 'S12000036' },
        extensions: { persistedQuery: { version: 1, sha256Hash: operation('CouncilByGssCode').id } },
      },
      partner,
    );
    expect(status).toBe(200);
    expect(body.data.organisationByGssCode.name).toBe('City of Edinburgh');
  });

  it('refuses free-form operations from a partner with PERSISTED_QUERY_ID_REQUIRED', async () => {
    const { status, body } = await graph.post({ query: operation('CouncilByGssCode').body, variables: { gssCode: 'S12000036' } }, partner);
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: expect.stringContaining('registered operations'), extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED' } }] });
  });

  it("refuses ids outside the partner's own list with PERSISTED_QUERY_NOT_IN_LIST, including APQ-registered ones", async () => {
    // Registered through APQ by someone else: still not the partner's.
    const query = '{ organisations(first: 1) { nodes { name } } }';
    await graph.post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
    const apq = await graph.post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }, partner);
    expect(apq.status).toBe(400);
    expect(apq.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    // Another partner, with no manifest of its own, cannot borrow Disclosure Scotland's.
    const stranger = await graph.token({ role: 'partner', sub: 'not-a-registered-partner', org: DISCLOSURE });
    const borrowed = await graph.post(
      { variables: { gssCode: 'S12000036' }, extensions: { persistedQuery: { version: 1, sha256Hash: operation('CouncilByGssCode').id } } },
      stranger,
    );
    expect(borrowed.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('lets staff and anonymous callers keep free-form queries', async () => {
    const staff = await graph.token({ role: 'staff', sub: 'staff-1', org: DISCLOSURE });
    expect((await graph.post({ query: '{ organisationByGssCode(gssCode: "S12000036") { name } }' }, staff)).body.data.organisationByGssCode.name).toBe(
      'City of Edinburgh',
    );
    expect((await graph.post({ query: '{ organisationByGssCode(gssCode: "S12000036") { name } }' })).body.data.organisationByGssCode.name).toBe(
      'City of Edinburgh',
    );
  });

  it('runs a registered query by GET, and never a registered mutation', async () => {
    const get = (name: string, variables: object) => {
      const search = new URLSearchParams({
        variables: JSON.stringify(variables),
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: operation(name).id } }),
      });
      return fetch(`${graph.gateway.url}?${search}`, { headers: { authorization: `Bearer ${partner}`, 'apollo-require-preflight': 'true' } });
    };
    const query = await get('CouncilByGssCode', { gssCode: 'S12000036' });
    expect(query.status).toBe(200);
    expect(((await query.json()) as any).data.organisationByGssCode.name).toBe('City of Edinburgh');
    const mutation = await get('CheckPayee', { input: {} });
    expect(mutation.status).toBe(405);
  });

  it('plans every safelisted operation at start', () => {
    const line = logLines.find((entry) => entry.msg === 'partner safelists loaded and their query plans warmed');
    expect(line).toMatchObject({ partners: 1, operations: manifest.operations.length, planned: manifest.operations.length });
  });
});

describe('the manifest builder', () => {
  const schema = apiSchemaOf(readSupergraph(process.cwd()));

  /**
   * What @apollo/generate-persisted-query-manifest does with a folder of operations, step by step: every document in
   * one fragment registry, each operation sent through an Apollo Client whose link records
   * print(sortTopLevelDefinitions(query)) and its SHA-256, operations in name order.
   */
  async function asApolloGeneratorWould(texts: string[]): Promise<ManifestOperation[]> {
    const documents = texts.map((text) => parse(text));
    const operations: ManifestOperation[] = [];
    const client = new ApolloClient({
      cache: new InMemoryCache({ fragments: createFragmentRegistry(...documents) }),
      link: new ApolloLink((operation) => {
        const body = print(sortTopLevelDefinitions(operation.query));
        const definition = operation.query.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
        operations.push({ id: sha256(body), name: operation.operationName!, type: definition.operation, body });
        return of({ data: null });
      }),
    });
    const named = documents
      .flatMap((document) => document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION))
      .sort((a, b) => (a.name!.value < b.name!.value ? -1 : 1));
    for (const definition of named) {
      const query: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition] };
      if (definition.operation === 'subscription') {
        await new Promise<void>((resolve) => {
          client.subscribe({ query, fetchPolicy: 'no-cache' }).subscribe({ complete: resolve, error: () => resolve() });
        });
        continue;
      }
      await (
        definition.operation === 'mutation' ? client.mutate({ mutation: query, fetchPolicy: 'no-cache' }) : client.query({ query, fetchPolicy: 'no-cache' })
      ).catch(() => undefined);
    }
    return operations;
  }

  it('writes, byte for byte, the bodies and ids @apollo/generate-persisted-query-manifest writes: __typename added as Apollo Client adds it', async () => {
    const folder = 'operations/partners/disclosure-scotland';
    const texts = ['organisation.graphql', 'payments.graphql'].map((file) => readFileSync(path.join(folder, file), 'utf8'));
    expect(manifest.operations).toEqual(await asApolloGeneratorWould(texts));
    expect(operation('RecentPayments').body).toContain('pageInfo {\n        hasNextPage\n        endCursor\n        __typename\n      }');
    // Not at an operation's root.
    expect(operation('CheckPayee').body.startsWith('mutation CheckPayee($input: CheckPayeeInput!) {\n  checkPayee')).toBe(true);
  });

  it('adds __typename exactly where Apollo Client does: inline fragments and fragments too, never at the root, nor beside __typename or introspection, nor under @export', () => {
    const document = parse(`
      query Q { organisations { nodes { ... on Organisation { name } __typename } } a: organisationByGssCode(gssCode: "S12000036") { id }
        __type(name: "Organisation") { fields { name } } x: organisation(id: "1") @export(as: "o") { id } }
      fragment F on Organisation { services { name } }
    `);
    expect(print(addTypename(document))).toBe(print(addTypenameToDocument(document)));
  });

  it('keeps the checked-in manifests in step with operations/partners', () => {
    const folder = 'operations/partners/disclosure-scotland';
    const sources = ['organisation.graphql', 'payments.graphql'].map((file) => ({
      file: path.join(folder, file),
      text: readFileSync(path.join(folder, file), 'utf8'),
    }));
    expect(buildManifest(sources, schema)).toEqual(manifest);
  });

  it('writes ids that are the SHA-256 of each body, with the fragments each operation uses and no others', () => {
    const built = buildManifest(
      [
        {
          file: 'a.graphql',
          text: 'query A { organisations(first: 1) { nodes { ...Name } } } fragment Name on Organisation { name } fragment Unused on Organisation { id }',
        },
        { file: 'b.graphql', text: 'query B { organisationByGssCode(gssCode: "S12000036") { ...Name } }' },
      ],
      schema,
    );
    expect(built.operations.map((op) => [op.name, op.type, op.id === sha256(op.body), op.body.includes('fragment Name'), op.body.includes('Unused')])).toEqual([
      ['A', 'query', true, true, false],
      ['B', 'query', true, true, false],
    ]);
  });

  it('refuses operations the graph would refuse, naming the file', () => {
    expect(() => buildManifest([{ file: 'bad.graphql', text: 'query Bad { organisations { nodes { nope } } }' }], schema)).toThrow(
      /bad\.graphql: Bad is not valid against the graph: Cannot query field "nope"/,
    );
    expect(() => buildManifest([{ file: 'anon.graphql', text: '{ organisations { nodes { name } } }' }], schema)).toThrow(/every operation needs a name/);
    expect(() => buildManifest([{ file: 'x.graphql', text: 'query X { organisations { nodes { ...Missing } } }' }], schema)).toThrow(ManifestError);
  });

  it('refuses a malformed manifest at start, naming the file and entry', () => {
    expect(() => parseManifest('{"format":"apollo-persisted-query-manifest","version":2,"operations":[]}', 'p.json')).toThrow(
      /p\.json is not an apollo-persisted-query-manifest, version 1/,
    );
    expect(() => parseManifest(JSON.stringify({ ...manifest, operations: [...manifest.operations, manifest.operations[0]] }), 'p.json')).toThrow(
      /operations\[4\]: id .* appears twice/,
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cpg-safelists-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ ...manifest, operations: [{ ...manifest.operations[0], body: 'query {' }] }));
    expect(() => loadSafelists(dir)).toThrow(/broken\.json, operations\[0\] \(CheckPayee\) does not parse/);
  });
});
