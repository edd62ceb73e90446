import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildManifest, ManifestError, type PersistedQueryManifest } from '../gateway/persisted-queries';
import { createGateway, type RunningGateway } from '../gateway/server';
import { apiSchemaOf } from '../gateway/supergraph';
import { createLogger } from '../platform/logger';
import { gatewayOptionsOf, loadConfig, readConfiguredSupergraph } from '../runtime/config';
import { seedId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

const DISCLOSURE = seedId('organisation', 'disclosure-scotland');
const EDINBURGH = seedId('organisation', 'S12000036');
const WEBSITE = '  """The public website."""\n  website: String @join__field(graph: ORGANISATIONS) @cacheControl(maxAge: 300, scope: PUBLIC)\n';
const INTERVAL_MS = 200;
const original = readFileSync('schema/supergraph.graphql', 'utf8');
const disclosure = JSON.parse(readFileSync('persisted-queries/disclosure-scotland.json', 'utf8')) as PersistedQueryManifest;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let graph: TestGraph;
let dir: string;
let supergraphPath: string;
let safelistDir: string;
let gateway: RunningGateway;
const logLines: any[] = [];

/** A gateway as `npm start` makes one, but watching a supergraph file and a safelist folder of the test's own. */
async function startGateway(): Promise<RunningGateway> {
  const config = loadConfig({
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '0',
    SUPERGRAPH_PATH: supergraphPath,
    PERSISTED_QUERIES_DIR: safelistDir,
    RELOAD_INTERVAL_MS: String(INTERVAL_MS),
  });
  const log = createLogger({ level: 'info', name: 'reload-test', destination: { write: (line: string) => logLines.push(JSON.parse(line)) } });
  const created = await createGateway(
    gatewayOptionsOf(config, {
      supergraphSdl: readConfiguredSupergraph(config),
      subgraphUrls: Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
      log,
      verifier: graph.verifier,
    }),
  );
  return created.listen(0);
}

beforeAll(async () => {
  graph = await startTestGraph('default');
  dir = mkdtempSync(path.join(os.tmpdir(), 'cpg-reload-'));
  supergraphPath = path.join(dir, 'supergraph.graphql');
  safelistDir = mkdtempSync(path.join(dir, 'safelists-'));
  writeFileSync(supergraphPath, original);
  copyFileSync('persisted-queries/disclosure-scotland.json', path.join(safelistDir, 'disclosure-scotland.json'));
  gateway = await startGateway();
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await graph?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function post(body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

const websiteDescription = async () =>
  (await post({ query: '{ __type(name: "Organisation") { fields { name description } } }' })).body.data.__type.fields.find((f: any) => f.name === 'website')
    ?.description ?? null;

const servedHash = async () =>
  /graph_supergraph_info\{hash="([0-9a-f]{64})"/.exec(await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text())?.[1];

/** Waits until `probe` says yes, up to `ms`; returns how long it took, or null. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await probe()) return Date.now() - started;
    await pause(25);
  }
  return null;
}

/** Log lines logged after `mark` (an index into logLines). */
const logSince = (mark: number) => logLines.slice(mark);

describe('the supergraph file', () => {
  it('is served in its new version without a restart, while requests keep being answered', async () => {
    expect(await websiteDescription()).toBe('The public website.');
    expect(await servedHash()).toBe(sha256(original));
    // Requests throughout the swap: every one answered in full.
    const answers: { status: number; ok: boolean }[] = [];
    let loading = true;
    const load = Promise.all(
      Array.from({ length: 5 }, async () => {
        while (loading) {
          const { status, body } = await post({ query: `{ organisation(id: "${EDINBURGH}") { name website datasets(first: 1) { nodes { title } } } }` });
          answers.push({ status, ok: body.errors === undefined && body.data.organisation.name === 'City of Edinburgh' });
        }
      }),
    );
    await pause(300);
    const changed = original.replace('"""The public website."""', '"""The public website, on gov.scot or its own domain."""');
    writeFileSync(supergraphPath, changed);
    const tookMs = await within(10_000, async () => (await websiteDescription()) === 'The public website, on gov.scot or its own domain.');
    await pause(300);
    loading = false;
    await load;
    const reloaded = logLines.find((line) => line.msg?.startsWith('reloaded'));
    console.info(
      `Supergraph reload: visible ${tookMs} ms after the file was written (looked at every ${INTERVAL_MS} ms; validating, swapping and warming took ${reloaded?.ms} ms); ${answers.length} requests meanwhile, none dropped`,
    );
    expect(tookMs).not.toBeNull();
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.filter((answer) => answer.status !== 200 || !answer.ok)).toEqual([]);
    expect(await servedHash()).toBe(sha256(changed));
    expect(logLines.find((line) => line.msg?.startsWith('reloaded'))).toMatchObject({ supergraphChanged: true, supergraph: sha256(changed) });
  });

  it('keeps serving the loaded one when the new version is not a supergraph, and says why', async () => {
    const served = await servedHash();
    const mark = logLines.length;
    writeFileSync(supergraphPath, 'type Query { hello: String }');
    expect(await within(5_000, async () => logSince(mark).some((line) => line.msg?.startsWith('new supergraph refused')))).not.toBeNull();
    expect(logSince(mark).find((line) => line.msg?.startsWith('new supergraph refused'))).toMatchObject({
      level: 50,
      file: supergraphPath,
      reason: expect.any(String),
    });
    await pause(3 * INTERVAL_MS);
    // Reported once, not at every look.
    expect(logSince(mark).filter((line) => line.msg?.startsWith('new supergraph refused'))).toHaveLength(1);
    expect(await servedHash()).toBe(served);
    expect(await websiteDescription()).toBe('The public website, on gov.scot or its own domain.');
  });

  it('keeps serving the loaded one when a safelisted operation would no longer validate, naming the manifest and the operation', async () => {
    const served = await servedHash();
    const mark = logLines.length;
    expect(original).toContain(WEBSITE);
    writeFileSync(supergraphPath, original.replace(WEBSITE, ''));
    expect(await within(5_000, async () => logSince(mark).some((line) => line.msg?.startsWith('new supergraph refused')))).not.toBeNull();
    const refusal = logSince(mark).find((line) => line.msg?.startsWith('new supergraph refused'));
    expect(refusal.msg).toContain('a safelisted operation would no longer validate');
    expect(refusal.reason).toMatch(
      /disclosure-scotland\.json: operation (CouncilByGssCode|RecentPayments) is not valid against the supergraph: Cannot query field "website"/,
    );
    expect(await servedHash()).toBe(served);
    expect((await post({ query: `{ organisation(id: "${EDINBURGH}") { website } }` })).body.errors).toBeUndefined();
    // Put back as it was: served again.
    writeFileSync(supergraphPath, original);
    expect(await within(5_000, async () => (await servedHash()) === sha256(original))).not.toBeNull();
  });
});

describe('partner manifests', () => {
  const partnerFile = () => path.join(safelistDir, 'new-partner.json');
  const manifestOf = (text: string) => buildManifest([{ file: 'partner.graphql', text }], apiSchemaOf(original));
  const COUNCIL = 'query Council($gssCode: String!) { organisationByGssCode(gssCode: $gssCode) { name } }';
  const SERVICES = 'query Services($gssCode: String!) { organisationByGssCode(gssCode: $gssCode) { services { name } } }';
  const run = async (manifest: PersistedQueryManifest, name: string, token: string) =>
    post(
      {
        variables: { gssCode: 'S12000036' },
        extensions: { persistedQuery: { version: 1, sha256Hash: manifest.operations.find((op) => op.name === name)!.id } },
      },
      token,
    );

  it('are taken when added, replaced or removed, without a restart; a broken one is refused, naming it, and the previous version kept', async () => {
    const token = await graph.token({ role: 'partner', sub: 'new-partner', org: DISCLOSURE });
    // Built as @apollo/generate-persisted-query-manifest would build it (the builder matches it byte for byte).
    const first = { ...manifestOf(`${COUNCIL}\n${SERVICES}`) };
    expect((await run(first, 'Council', token)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');

    // Added.
    const written = Date.now();
    writeFileSync(partnerFile(), JSON.stringify(first));
    const addedMs = await within(5_000, async () => (await run(first, 'Council', token)).body.data?.organisationByGssCode?.name === 'City of Edinburgh');
    console.info(`Partner manifest added: its operations answered ${addedMs} ms after the file was written (${Date.now() - written} ms in all)`);
    expect(addedMs).not.toBeNull();
    expect((await run(first, 'Services', token)).body.data.organisationByGssCode.services.length).toBeGreaterThan(0);

    // Replaced by a list without Services: revoked, Council kept.
    const second = manifestOf(COUNCIL);
    writeFileSync(partnerFile(), JSON.stringify(second));
    expect(
      await within(5_000, async () => (await run(first, 'Services', token)).body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_IN_LIST'),
    ).not.toBeNull();
    expect((await run(second, 'Council', token)).body.data.organisationByGssCode.name).toBe('City of Edinburgh');

    // A manifest with an operation the graph does not have: refused, naming the file and the operation; the previous list serves.
    const mark = logLines.length;
    const broken = { ...second, operations: [...second.operations, { id: 'f'.repeat(64), name: 'Nope', type: 'query', body: 'query Nope { nope }' }] };
    writeFileSync(partnerFile(), JSON.stringify(broken));
    expect(await within(5_000, async () => logSince(mark).some((line) => line.msg?.startsWith('partner manifest refused')))).not.toBeNull();
    expect(logSince(mark).find((line) => line.msg?.startsWith('partner manifest refused'))).toMatchObject({
      level: 50,
      file: partnerFile(),
      reason: expect.stringMatching(/new-partner\.json: operation Nope is not valid against the supergraph: Cannot query field "nope"/),
    });
    expect((await run(second, 'Council', token)).body.data.organisationByGssCode.name).toBe('City of Edinburgh');

    // Removed: every operation of the partner revoked. Disclosure Scotland's list, untouched, still serves.
    unlinkSync(partnerFile());
    expect(
      await within(5_000, async () => (await run(second, 'Council', token)).body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_IN_LIST'),
    ).not.toBeNull();
    const disclosureToken = await graph.token({ role: 'partner', sub: 'disclosure-scotland', org: DISCLOSURE });
    expect((await run(disclosure, 'CouncilByGssCode', disclosureToken)).body.data.organisationByGssCode.name).toBe('City of Edinburgh');
  });

  it('stop the start when one no longer validates, naming the manifest and the operation (not a planner stack)', async () => {
    writeFileSync(path.join(safelistDir, 'stale.json'), JSON.stringify(manifestOf(COUNCIL)));
    const stale = JSON.parse(readFileSync(path.join(safelistDir, 'stale.json'), 'utf8')) as PersistedQueryManifest;
    stale.operations[0].body = stale.operations[0].body.replace('name', 'nameInWelsh');
    writeFileSync(path.join(safelistDir, 'stale.json'), JSON.stringify(stale));
    try {
      await expect(startGateway()).rejects.toThrow(ManifestError);
      await expect(startGateway()).rejects.toThrow(/stale\.json: operation Council is not valid against the supergraph: Cannot query field "nameInWelsh"/);
    } finally {
      unlinkSync(path.join(safelistDir, 'stale.json'));
    }
  });
});
