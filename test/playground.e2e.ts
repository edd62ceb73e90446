import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedId } from '../seed/ids';
import { launchChromium } from './support/browser';
import { freePort } from './support/free-port';
import { type TestGraph, startTestGraph } from './support/graph';

/** Where the test leaves its screenshot (ignored by git; docs/playground.png is a copy for the README). */
const SCREENSHOT = path.join(process.cwd(), 'test-results', 'playground.png');

let graph: TestGraph;
let browser: Browser;
let root: string;

beforeAll(async () => {
  [graph, browser] = await Promise.all([startTestGraph(), launchChromium()]);
  root = graph.gateway.url.replace(/\/graphql$/, '/');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

/** The text of a GraphiQL editor (CodeMirror 5 keeps its instance on the element). */
function editorText(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

async function run(page: Page, operationName: string): Promise<unknown> {
  const answered = page.waitForResponse(
    (response) =>
      response.url().endsWith('/graphql') &&
      response.request().method() === 'POST' &&
      (response.request().postData() ?? '').includes(`"operationName":"${operationName}"`),
  );
  await page.locator('.graphiql-execute-button').click();
  await answered;
  // Browser-side code as a string: the tests are compiled without the DOM's types.
  await page.waitForFunction("(document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '').trim().startsWith('{')");
  return JSON.parse(await editorText(page, '.result-window .CodeMirror'));
}

describe('the playground', () => {
  it('is served by the gateway itself, with a strict content security policy', async () => {
    const page = await fetch(root, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('/playground/playground.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    const script = await fetch(new URL('/playground/playground.js', root));
    expect(script.status).toBe(200);
    expect(Number(script.headers.get('content-length') ?? (await script.arrayBuffer()).byteLength)).toBeGreaterThan(100_000);
  });

  it('runs the example search in Chromium and shows the seeded datasets, with no request leaving the machine', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(root) && !request.url().startsWith('data:')) elsewhere.push(request.url());
    });
    await page.goto(root);
    await page.locator('.graphiql-container').waitFor();
    // Opens on the example operations, with the datasets search first.
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.join(' ')).toEqual(expect.stringContaining('SearchDatasets'));
    expect(tabs.join(' ')).toEqual(expect.stringContaining('LearningByTheme'));
    expect(await editorText(page, '.graphiql-query-editor .CodeMirror')).toContain('searchDatasets(query: $query');

    const result = (await run(page, 'SearchDatasets')) as { data: { searchDatasets: { total: number; nodes: { title: string }[] } } };
    expect(result.data.searchDatasets.total).toBe(5);
    expect(result.data.searchDatasets.nodes[0].title).toBe('Hospital admissions for Scotland');
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(elsewhere).toEqual([]);
    await page.close();
  }, 60_000);

  it('sends the token pasted in the headers editor: an analyst sees suppressed learning aggregates', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(root);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.graphiql-tab', { hasText: 'LearningByTheme' }).click();
    await page.waitForFunction("document.querySelector('.graphiql-query-editor')?.textContent?.includes('learningAggregates')");
    // GraphiQL takes the operation name from the editor a moment after a tab opens; a run before then would send the last tab's.
    await page.waitForFunction("document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror?.getValue().includes('LearningByTheme')");
    await page.waitForTimeout(500);

    const anonymous = (await run(page, 'LearningByTheme')) as { errors?: { extensions: { code: string } }[] };
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    const token = await graph.token({ role: 'analyst', sub: 'analyst-playground' });
    // The headers editor is open by default; type into it as an analyst would paste.
    await page.locator('.graphiql-editor-tool .CodeMirror').last().click();
    await page.keyboard.type(`{"Authorization": "Bearer ${token}"}`);
    const analyst = (await run(page, 'LearningByTheme')) as { data: { learningAggregates: { theme: string; learners: number | null }[] } };
    expect(analyst.data.learningAggregates.length).toBeGreaterThan(3);
    expect(analyst.data.learningAggregates.every((row) => typeof row.theme === 'string')).toBe(true);
    await page.close();
  }, 60_000);

  it('keeps a signed-in token for the tab only, shows the aggregates an analyst sees as a table with withheld counts marked, charts them and downloads the list as CSV', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(root);
    await page.locator('.graphiql-container').waitFor();
    const token = await graph.token({ role: 'analyst', sub: 'analyst-tables' });
    await page.getByLabel('token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as analyst').waitFor();
    // Kept through a reload of the tab, in sessionStorage only.
    await page.reload();
    await page.getByText('Signed in as analyst').waitFor();
    expect(await page.evaluate('JSON.stringify(Object.keys(localStorage).filter((key) => localStorage.getItem(key).includes("eyJ")))')).toBe('[]');

    await page.locator('.graphiql-tab', { hasText: 'LearningByOrganisation' }).click();
    await page.waitForFunction("document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror?.getValue().includes('LearningByOrganisation')");
    await page.waitForTimeout(500);
    const result = (await run(page, 'LearningByOrganisation')) as { data: { learningAggregates: { learners: number | null; suppressed: boolean }[] } };
    const rows = result.data.learningAggregates;
    expect(rows.length).toBeGreaterThan(3);

    await page.getByLabel('Show Results table').click();
    const table = page.locator('.playground-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(rows.length);
    // An analyst sees Academy-wide figures, where counts from 1 to 9 are withheld: marked as such, not shown as empty.
    const withheld = rows.filter((row) => row.suppressed && row.learners === null).length;
    expect(withheld).toBeGreaterThan(0);
    expect(await table.locator('td.suppressed', { hasText: '1–9' }).count()).toBeGreaterThanOrEqual(withheld);
    // Sorting by a column keeps every row and orders them.
    await table.getByRole('button', { name: /^organisation\.name/ }).click();
    const names = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
    await page.locator('.playground-chart canvas').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFForganisation.name,learners,registrations,completions,completionRate,suppressed\r\n')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows.length + 1);
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: path.join(path.dirname(SCREENSHOT), 'playground-results.png') });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await context.close();
  }, 90_000);

  it('runs a subscription: council staff watch their payments change live, each event shown as it commits', async () => {
    const edinburgh = seedId('organisation', 'S12000036');
    const staff = await graph.token({ role: 'staff', sub: 'edinburgh-playground', org: edinburgh });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(root);
    await page.locator('.graphiql-container').waitFor();
    await page.getByLabel('token').fill(staff);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as staff').waitFor();
    await page.getByLabel('Show Examples').click();
    await page.locator('.playground-examples button', { hasText: 'PaymentsLive' }).click();
    await page.waitForFunction("document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror?.getValue().includes('organisationPaymentsUpdated')");
    await page.waitForTimeout(500);
    const opened = page.waitForResponse(
      (response) => response.url().endsWith('/graphql') && response.headers()['content-type']?.startsWith('text/event-stream') === true,
    );
    await page.locator('.graphiql-execute-button').click();
    await opened;
    // A payment taken and then started elsewhere (another officer, another tab): each commit appears in the result pane.
    const created = await graph.post(
      {
        query: 'mutation($input: CreatePaymentInput!) { createPayment(input: $input) { id } }',
        variables: {
          input: {
            idempotencyKey: `playground-live-${process.pid}`,
            organisationId: edinburgh,
            direction: 'INBOUND',
            amount: '2500',
            reference: 'LIVE-1',
            description: 'Garden waste permit',
          },
        },
      },
      staff,
    );
    expect(created.body.errors).toBeUndefined();
    const paymentId: string = created.body.data.createPayment.id;
    // The result pane's text, as CodeMirror renders it (the page's policy forbids evaluating strings in it while polling).
    const shows = (text: string) => page.locator('.result-window', { hasText: text }).waitFor({ timeout: 10_000 });
    await shows(paymentId);
    const started = await graph.post(
      {
        query: 'mutation($input: ChangePaymentStatusInput!) { changePaymentStatus(input: $input) { id } }',
        variables: { input: { paymentId, status: 'STARTED' } },
      },
      staff,
    );
    expect(started.body.errors).toBeUndefined();
    await shows('"toStatus": "STARTED"');
    const shown = JSON.parse(await editorText(page, '.result-window .CodeMirror'));
    expect(shown.data.organisationPaymentsUpdated).toMatchObject({
      id: paymentId,
      status: 'STARTED',
      reference: 'LIVE-1',
      organisation: { name: 'City of Edinburgh' },
    });
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: path.join(path.dirname(SCREENSHOT), 'playground-subscription.png') });
    await page.close();
  }, 60_000);

  it('builds a query from the schema with the explorer, and lists the shared examples by audience', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(root);
    await page.locator('.graphiql-container').waitFor();
    await page.getByLabel('Show GraphiQL Explorer').click();
    await page.locator('.graphiql-explorer-root').getByText('searchDatasets', { exact: true }).first().waitFor();
    await page.getByLabel('Show Examples').click();
    for (const audience of ['public', 'analyst', 'council staff']) await page.locator('.playground-examples h3', { hasText: audience }).waitFor();
    await page.locator('.playground-examples button', { hasText: 'PaymentTotals' }).click();
    await page.waitForFunction("document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror?.getValue().includes('paymentTotals')");
    await page.close();
  }, 60_000);

  it('is not served when switched off, which is the default in production', async () => {
    const off = await startTestGraph('none', { PLAYGROUND: 'off' });
    try {
      const response = await fetch(off.gateway.url.replace(/\/graphql$/, '/'), { headers: { accept: 'text/html' } });
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
      expect((await fetch(new URL('/playground/playground.js', off.gateway.url))).status).toBe(404);
    } finally {
      await off.stop();
    }
  }, 60_000);
});

describe('the playground in production, for the roles allowed to use it', () => {
  let production: TestGraph;
  const introspection = { query: '{ __schema { queryType { name } } }' };

  beforeAll(async () => {
    // Production's schema settings (introspection off) with the playground open to analysts; config.test.ts checks PLAYGROUND_ROLES turns the page on in production.
    production = await startTestGraph('none', { INTROSPECTION: 'off', PLAYGROUND_ROLES: 'analyst', QUERY_PLAN_ROLES: 'analyst' });
  }, 60_000);
  afterAll(() => production?.stop());

  it('loads the page for anyone, but gives the schema and query plans to an allowed role only', async () => {
    const page = await fetch(production.gateway.url.replace(/\/graphql$/, '/'), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const anonymous = await production.post(introspection);
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const staff = await production.post(
      introspection,
      await production.token({ role: 'staff', sub: 'staff-production', org: '00000000-0000-4000-8000-000000000001' }),
    );
    expect(staff.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const analystToken = await production.token({ role: 'analyst', sub: 'analyst-production' });
    const analyst = await production.post(introspection, analystToken);
    expect(analyst.body.data.__schema.queryType.name).toBe('Query');

    const planned = async (token?: string) => {
      const response = await fetch(production.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-query-plan-experimental': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: '{ organisations(first: 1) { nodes { name } } }' }),
      });
      return ((await response.json()) as { extensions?: Record<string, unknown> }).extensions?.__queryPlanExperimental;
    };
    expect(await planned(analystToken)).toEqual(expect.stringContaining('Fetch(service: "organisations")'));
    expect(await planned()).toBeUndefined();
  });
});

describe('the playground signing in through an OpenID Connect issuer', () => {
  let issuerProcess: ChildProcess;
  let issuerUrl: string;
  let withIssuer: TestGraph;

  beforeAll(async () => {
    // The graph's address is needed for the issuer's redirect URI and the issuer's for the graph's config: a port is taken first.
    const port = await freePort();
    const playground = `http://127.0.0.1:${port}/`;
    issuerProcess = spawn(process.execPath, [path.join(__dirname, 'support', 'oidc-provider.mjs'), playground], { stdio: ['ignore', 'pipe', 'inherit'] });
    issuerUrl = await new Promise<string>((resolve) => issuerProcess.stdout!.once('data', (chunk) => resolve(String(chunk).trim())));
    withIssuer = await startTestGraph('default', {
      PORT: String(port),
      AUTH_ISSUER: issuerUrl,
      AUTH_AUDIENCE: 'scotland-graph',
      PLAYGROUND_OIDC_CLIENT_ID: 'playground',
    });
  }, 60_000);
  afterAll(async () => {
    await withIssuer?.stop();
    issuerProcess?.kill();
  });

  it('signs an analyst in with the authorisation code flow and PKCE, and runs a query with the issued token', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const root = withIssuer.gateway.url.replace(/\/graphql$/, '/');
    await page.goto(root);
    await page.getByRole('button', { name: /^Sign in with 127\.0\.0\.1:/ }).click();
    // The issuer's own sign-in form (oidc-provider's development interaction).
    await page.locator('input[name="login"]').fill('ailsa.analyst');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.getByText('Signed in as analyst').waitFor();
    expect(new URL(page.url()).search).toBe('');

    await page.locator('.graphiql-tab', { hasText: 'LearningByTheme' }).click();
    await page.waitForFunction("document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror?.getValue().includes('LearningByTheme')");
    await page.waitForTimeout(500);
    const result = (await run(page, 'LearningByTheme')) as { data?: { learningAggregates: unknown[] }; errors?: unknown[] };
    expect(result.errors).toBeUndefined();
    expect(result.data!.learningAggregates.length).toBeGreaterThan(3);
    await page.close();
  }, 90_000);
});
