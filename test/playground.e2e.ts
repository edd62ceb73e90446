import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
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
