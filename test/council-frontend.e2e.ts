import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createGateway, type RunningGateway } from '../gateway/server';
import { readSupergraph } from '../gateway/supergraph';
import { createLogger } from '../platform/logger';
import { gatewayOptionsOf, loadConfig } from '../runtime/config';
import { seedId } from '../seed/ids';
import { launchChromium } from './support/browser';
import { type TestGraph, startTestGraph } from './support/graph';

/**
 * The example council front end (clients/council-frontend), built by `npm run
 * build:clients` exactly as a developer builds it, served from its dist/ by a
 * small static server on port 0, and driven in Chromium against the whole
 * graph. Screenshots go to test-results/ (docs/council-frontend.png is a copy
 * for the README).
 */

const root = path.join(__dirname, '..');
const app = path.join(root, 'clients', 'council-frontend');
const generated = path.join(app, 'src', 'gql');
const SHOTS = path.join(root, 'test-results');
const EDINBURGH = seedId('organisation', 'S12000036');

let graph: TestGraph;
let browser: Browser;
let site: Server;
let siteUrl: string;
/** What config.json says: the graph the page calls. A test may point it elsewhere, then reload. */
let graphUrl = '';
let generatedBefore: Record<string, string>;
const gateways: RunningGateway[] = [];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** dist/ as any static host serves it, with config.json naming the graph under test. */
function staticSite(dist: string): Server {
  return createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://site').pathname;
    if (pathname === '/config.json') {
      res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
      res.end(JSON.stringify({ graphUrl }));
      return;
    }
    const file = path.join(dist, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dist + path.sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
}

const readGenerated = () => Object.fromEntries(readdirSync(generated).map((file) => [file, readFileSync(path.join(generated, file), 'utf8')]));

beforeAll(async () => {
  generatedBefore = readGenerated();
  // The README's command: codegen, the example's typecheck, Vite's build. Run here so `npm test` covers it.
  const build = promisify(execFile)('npm', ['run', '--silent', 'build:clients'], { cwd: root, timeout: 240_000 });
  site = staticSite(path.join(app, 'dist'));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  // The graph allows the site's origin, as an operator would name a council's front end in CORS_ORIGINS.
  [graph, browser] = await Promise.all([startTestGraph('default', { CORS_ORIGINS: siteUrl }), launchChromium(), build]);
  graphUrl = graph.gateway.url;
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  site?.closeAllConnections();
  await new Promise((resolve) => site?.close(resolve));
  await graph?.stop();
});

async function signedIn(context: BrowserContext, token: string, expectHeading: RegExp): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${siteUrl}/#/sign-in`);
  await page.locator('textarea[name=token]').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: expectHeading }).waitFor();
  return page;
}

describe('the council front-end example', () => {
  it('is built from typed documents that match the checked-in generated code', () => {
    expect(readGenerated()).toEqual(generatedBefore);
    expect(existsSync(path.join(app, 'dist', 'index.html'))).toBe(true);
  });

  it('shows a citizen their payments; withdrawing a consent ends staff access on their next request', async () => {
    // A citizen with payments, an active consent naming attributes they hold, and (where the seed has one) learning.
    const [citizen] = await graph.sql(
      `SELECT c.id AS consent, c.account_id AS account, c.organisation_id AS organisation
         FROM identity.consent c
        WHERE c.withdrawn_at IS NULL AND EXISTS (SELECT 1 FROM payments.payment p WHERE p.account_id = c.account_id)
          AND EXISTS (SELECT 1 FROM identity.verified_attribute a WHERE a.account_id = c.account_id AND a.kind = ANY(c.attributes))
        ORDER BY EXISTS (SELECT 1 FROM learning.statement s WHERE s.account_id = c.account_id) DESC, c.account_id LIMIT 1`,
    );
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const citizenContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    try {
      const staff = await signedIn(staffContext, await graph.token({ role: 'staff', sub: 'caseworker', org: citizen.organisation }), /dashboard/);
      const lookUp = async () => {
        await staff.locator('input[name=account-id]').fill(citizen.account);
        const answered = staff.waitForResponse((response) => (response.request().postData() ?? '').includes('CitizenLookup'));
        await staff.getByRole('button', { name: 'Look up' }).click();
        await answered;
      };
      await lookUp();
      await staff.locator('[data-visibility=CONSENTED]').waitFor();
      expect(await staff.locator('[data-testid=citizen] dd').count()).toBeGreaterThan(0);

      const page = await signedIn(citizenContext, await graph.token({ role: 'citizen', sub: citizen.account }), /My account/);
      const payments = page.locator('[data-testid=my-payments] tbody tr');
      await payments.first().waitFor();
      expect(await payments.count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid=my-payments] .status').first().innerText()).toMatch(
        /Paid|In progress|Submitted|Authorised|Created|Failed|Cancelled|Error/,
      );
      await page.screenshot({ path: path.join(SHOTS, 'council-frontend-my-account.png'), fullPage: true });

      const consent = page.locator(`[data-consent="${citizen.consent}"]`);
      await consent.getByRole('button', { name: 'Withdraw' }).click();
      await consent.getByText(/withdrawn/).waitFor();
      expect(await consent.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);

      // Staff ask again: no attributes now, and the page says why (or that the account is no longer theirs to see at all).
      await lookUp();
      await staff.locator('[data-visibility=CONSENT_WITHDRAWN], [data-code=FORBIDDEN]').first().waitFor();
      expect(await staff.locator('[data-testid=citizen] dd').count()).toBe(0);
    } finally {
      await staffContext.close();
      await citizenContext.close();
    }
  }, 120_000);

  it("pages through a council's payments and shows learners it may not see as such, with one notice", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
    try {
      const page = await signedIn(context, await graph.token({ role: 'staff', sub: 'edinburgh-officer', org: EDINBURGH }), /City of Edinburgh: dashboard/);
      const rows = page.locator('[data-testid=council-payments] tbody tr');
      await rows.nth(9).waitFor();
      const count = await page.locator('[data-testid=payments-count]').innerText();
      const total = Number(/of (\d+) payments/.exec(count)![1]);
      const [db] = await graph.sql('SELECT count(*)::int AS n FROM payments.payment WHERE organisation_id = $1', [EDINBURGH]);
      expect(total).toBe(db.n);
      const firstPage = await rows.allInnerTexts();

      await page.getByRole('button', { name: 'Next 10 payments' }).click();
      await rows.nth(19).waitFor();
      await page.getByRole('button', { name: 'Next 10 payments' }).click();
      await rows.nth(29).waitFor();
      const all = await rows.allInnerTexts();
      expect(all.slice(0, 10)).toEqual(firstPage);
      expect(await page.locator('[data-testid=payments-count]').innerText()).toContain(`Showing 30 of ${total}`);

      // Learners whose accounts Edinburgh may not see: blank, and one summarised notice rather than one per learner.
      await page.locator('[data-testid=learners] tbody tr').first().waitFor();
      const hidden = await page.locator('[data-testid=learners]').getByText('not visible to you').count();
      expect(hidden).toBeGreaterThan(0);
      const notices = page.locator('[data-code=FORBIDDEN]');
      expect(await notices.count()).toBe(1);
      expect(await notices.innerText()).toContain(`${hidden} × account`);
      expect(await page.locator('[data-testid=integrations] li').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SHOTS, 'council-frontend-dashboard.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows payment changes live on the council dashboard: a status in its row, a new payment above the list, a cut stream reopened and the list read again', async () => {
    const staff = await graph.token({ role: 'staff', sub: 'edinburgh-live-officer', org: EDINBURGH });
    const pay = async (reference: string): Promise<string> => {
      const { body } = await graph.post(
        {
          query: 'mutation($input: CreatePaymentInput!) { createPayment(input: $input) { id } }',
          variables: {
            input: {
              idempotencyKey: `council-frontend-${process.pid}-${reference}`,
              organisationId: EDINBURGH,
              direction: 'INBOUND',
              amount: '2250',
              reference,
              description: 'Garden waste permit',
            },
          },
        },
        staff,
      );
      expect(body.errors).toBeUndefined();
      return body.data.createPayment.id;
    };
    const changeStatus = async (paymentId: string, status: string) => {
      const { body } = await graph.post(
        {
          query: 'mutation($input: ChangePaymentStatusInput!) { changePaymentStatus(input: $input) { id status } }',
          variables: { input: { paymentId, status } },
        },
        staff,
      );
      expect(body.errors).toBeUndefined();
    };
    // The newest payment, so it is the first row of the first page.
    const watched = await pay('LIVE-1');
    const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
    try {
      const page = await context.newPage();
      // Every time the page reads the payments list over HTTP (the live subscription is CouncilPaymentsLive).
      const listReads: string[] = [];
      page.on('request', (request) => {
        if ((request.postData() ?? '').includes('"operationName":"CouncilPayments"')) listReads.push(request.url());
      });
      await page.goto(`${siteUrl}/#/sign-in`);
      await page.locator('textarea[name=token]').fill(staff);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.locator('[data-live=live]').waitFor();
      const row = page.locator(`[data-payment="${watched}"]`);
      await row.getByText('Created', { exact: true }).waitFor();
      expect(listReads).toHaveLength(1);

      // A status change committed through the graph reaches the row through the cache: no reload, no second read.
      await changeStatus(watched, 'STARTED');
      await row.getByText('In progress', { exact: true }).waitFor();
      expect(listReads).toHaveLength(1);

      // A payment newer than the list's top row is announced above it, and joins the list when staff ask.
      const newer = await pay('LIVE-2');
      const announced = page.locator('[data-testid=new-payments]');
      await announced.getByText(/LIVE-2 £22\.50 \(Created\)/).waitFor();
      expect(listReads).toHaveLength(1);
      await page.screenshot({ path: path.join(SHOTS, 'council-frontend-live.png'), fullPage: true });
      await announced.getByRole('button', { name: 'Show in the list' }).click();
      await page.locator(`[data-testid=council-payments] tbody tr[data-payment="${newer}"]`).waitFor();
      expect(await page.locator('[data-testid=council-payments] tbody tr').first().getAttribute('data-payment')).toBe(newer);
      expect(await announced.count()).toBe(0);
      expect(listReads).toHaveLength(2);

      // The subgraph's database listener is cut: the graph ends the stream with SUBSCRIPTION_CLOSED (reconnect: true),
      // and the page subscribes again, reads the list again and says so; changes flow as before.
      await graph.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cpg-changes' AND datname = current_database()`);
      await page.locator('[data-testid=live-notice]').waitFor();
      await page.locator('[data-live=live]').waitFor();
      expect(listReads).toHaveLength(3);
      await changeStatus(newer, 'STARTED');
      await page.locator(`[data-payment="${newer}"]`).getByText('In progress', { exact: true }).waitFor();
      expect(listReads).toHaveLength(3);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("shows a citizen's consents as they change in another tab: a withdrawal, and a consent given", async () => {
    const [citizen] = await graph.sql(
      `SELECT id AS consent, account_id AS account FROM identity.consent WHERE withdrawn_at IS NULL ORDER BY account_id DESC, id LIMIT 1`,
    );
    const token = await graph.token({ role: 'citizen', sub: citizen.account });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    try {
      const reads: string[] = [];
      context.on('request', (request) => {
        if ((request.postData() ?? '').includes('"operationName":"MyConsents"')) reads.push(request.url());
      });
      const page = await signedIn(context, token, /My account/);
      const consents = page.locator('[data-testid=my-consents]');
      await page.locator('[data-live=live]').waitFor();
      const card = consents.locator(`[data-consent="${citizen.consent}"]`);
      await card.getByRole('button', { name: 'Withdraw' }).waitFor();
      expect(reads).toHaveLength(1);

      // Another tab (the same citizen, straight to the graph) withdraws it: this page shows it withdrawn, no reload.
      const withdrawn = await graph.post({ query: 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', variables: { id: citizen.consent } }, token);
      expect(withdrawn.body.errors).toBeUndefined();
      await card.getByText(/withdrawn/).waitFor();
      expect(await card.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
      expect(reads).toHaveLength(1);

      // A consent given elsewhere is not on the page yet: the page reads its consents again and shows it.
      const granted = await graph.post(
        {
          query: 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
          variables: { input: { organisationId: seedId('organisation', 'S12000049'), attributes: ['EMAIL'], purpose: 'Bin collection reminders' } },
        },
        token,
      );
      expect(granted.body.errors).toBeUndefined();
      const given = consents.locator(`[data-consent="${granted.body.data.grantConsent.id}"]`);
      await given.getByText(/Bin collection reminders/).waitFor();
      await given.getByRole('button', { name: 'Withdraw' }).waitFor();
      expect(reads).toHaveLength(2);
      await page.screenshot({ path: path.join(SHOTS, 'council-frontend-consents-live.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('searches open data with facets, no sign-in needed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.goto(`${siteUrl}/#/datasets`);
      const total = page.locator('[data-testid=dataset-total]');
      await total.waitFor();
      await page.locator('input[name=q]').fill('health');
      // Until its answer arrives the page keeps showing the previous results: wait for the search itself.
      const searched = page.waitForResponse((response) => (response.request().postData() ?? '').includes('"query":"health"'));
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await searched;
      await page.waitForFunction("!document.querySelector('[data-testid=dataset-total]').textContent.includes('loading')");
      const before = Number((await total.innerText()).split(' ')[0]);
      const theme = page.locator('[data-testid=facets] fieldset').first().locator('label').first();
      const facetCount = Number(/\((\d+)\)/.exec(await theme.innerText())![1]);
      await theme.locator('input').check();
      await total.getByText(new RegExp(`^${facetCount} dataset`)).waitFor();
      expect(facetCount).toBeLessThanOrEqual(before);
      expect(await page.locator('[data-testid=datasets] li').count()).toBe(Math.min(10, facetCount));
      await page.screenshot({ path: path.join(SHOTS, 'council-frontend-datasets.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows a partial answer when a subgraph is down: what came back, and which part did not', async () => {
    // A second gateway over the same subgraphs, with learning's address pointing at nothing.
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0', CORS_ORIGINS: siteUrl });
    const urls = Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url]));
    const broken = await (
      await createGateway({
        ...gatewayOptionsOf(config, {
          supergraphSdl: readSupergraph(config.projectRoot),
          subgraphUrls: { ...urls, learning: 'http://127.0.0.1:9/graphql' },
          log: createLogger({ level: 'silent' }),
          verifier: graph.verifier,
        }),
        resilience: { timeoutMs: 2_000, retries: 0, breakerFailures: 100, breakerOpenMs: 1_000, breakerTrials: 1 },
        shutdownTimeoutMs: 1_000,
      })
    ).listen(0);
    gateways.push(broken);
    const [citizen] = await graph.sql('SELECT account_id AS account FROM payments.payment WHERE account_id IS NOT NULL ORDER BY account_id LIMIT 1');
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    graphUrl = broken.url;
    try {
      const page = await signedIn(context, await graph.token({ role: 'citizen', sub: citizen.account }), /My account/);
      await page.locator('[data-code=SERVICE_UNAVAILABLE]').waitFor();
      expect(await page.locator('[data-code=SERVICE_UNAVAILABLE]').innerText()).toContain('learning');
      expect(await page.getByText('Learning records are not available just now.').count()).toBe(1);
      expect(await page.locator('[data-testid=my-payments] tbody tr').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SHOTS, 'council-frontend-partial.png'), fullPage: true });
    } finally {
      graphUrl = graph.gateway.url;
      await context.close();
    }
  }, 120_000);
});
