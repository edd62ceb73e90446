import { seedId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

let graph: TestGraph;
const PHS = seedId('organisation', 'public-health-scotland');
const NRS = seedId('organisation', 'nrs');

beforeAll(async () => {
  graph = await startTestGraph('default');
});

afterAll(async () => {
  await graph?.stop();
});

const SEARCH = `query Search($q: String, $filters: DatasetFilters, $sort: DatasetSort, $first: Int, $after: String, $last: Int, $before: String) {
  searchDatasets(query: $q, filters: $filters, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
    total
    nodes { id title theme licence modified publisher { id } distributions { format } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    facets { themes { value count } publishers { publisher { id name } count } formats { value count } licences { value count } }
  }
}`;

async function search(variables: Record<string, unknown>) {
  const { body } = await graph.post({ query: SEARCH, variables });
  expect(body.errors).toBeUndefined();
  return body.data.searchDatasets;
}

describe('paging metadata', () => {
  it('tells a later page of a search from the first, and counts whole top-level lists', async () => {
    const first = await search({ q: 'health', first: 2 });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await search({ q: 'health', first: 2, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.pageInfo.startCursor).not.toBe(first.pageInfo.startCursor);
    // Back from the second page to the first, and from the end of the ranking.
    const back = await search({ q: 'health', first: 2, before: second.pageInfo.startCursor });
    expect(back.nodes).toEqual(first.nodes);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const end = await search({ q: 'health', last: 3 });
    expect(end.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const all = await search({ q: 'health', first: 100 });
    expect(end.nodes.map((node: any) => node.id)).toEqual(all.nodes.slice(-3).map((node: any) => node.id));
    const { body } = await graph.post({
      query: '{ datasets(first: 1) { totalCount } organisations(first: 1) { totalCount } courses(first: 1, theme: "data") { totalCount } }',
    });
    const [counts] = await graph.sql(
      `SELECT (SELECT count(*)::int FROM datasets.dataset) AS datasets, (SELECT count(*)::int FROM organisations.organisation) AS organisations,
              (SELECT count(*)::int FROM learning.course WHERE theme = 'data') AS courses`,
    );
    expect(body.data).toEqual({
      datasets: { totalCount: counts.datasets },
      organisations: { totalCount: counts.organisations },
      courses: { totalCount: counts.courses },
    });
    expect(counts.courses).toBeGreaterThan(0);
  });
});

describe('dataset search', () => {
  it.each([
    // query, what the first result must start with, how many match
    ['hospital admissions', 'Hospital admissions', 5],
    ['homeless', 'Homelessness applications', 5], // stemming
    ['bus passeng', 'Bus passenger journeys', 5], // the last word as a prefix, while typing
    ['life expect', 'Life expectancy', 5],
    ['"school leavers"', null, 10], // a phrase: both topics about school leavers, nothing else
    ['crime -domestic', 'Recorded crime', 25], // an exclusion
    ['greenhouse', 'Greenhouse gas emissions', 5],
  ])('ranks "%s" as expected', async (q, first, total) => {
    const result = await search({ q, first: 5 });
    expect(result.total).toBe(total);
    if (first) expect(result.nodes[0].title.startsWith(first)).toBe(true);
    for (const node of result.nodes) expect(node.title).not.toMatch(/Domestic abuse/);
    if (q === '"school leavers"') for (const node of result.nodes) expect(node.title).toMatch(/school leavers/);
  });

  it('gives facets that add up to the total, over all pages', async () => {
    const result = await search({ q: 'health', first: 2 });
    const sum = (list: { count: number }[]) => list.reduce((s, f) => s + f.count, 0);
    expect(result.total).toBeGreaterThan(2);
    expect(sum(result.facets.themes)).toBe(result.total);
    expect(sum(result.facets.publishers)).toBe(result.total);
    expect(sum(result.facets.licences)).toBe(result.total);
    // Every dataset has a CSV and a linked-data distribution.
    expect(result.facets.formats).toEqual([
      { value: 'CSV', count: result.total },
      { value: 'JSON-LD', count: result.total },
    ]);
    expect(result.facets.publishers[0].publisher.name).toEqual(expect.any(String));
  });

  it('filters by theme, publisher, format, licence and date, and the facets follow', async () => {
    const result = await search({
      filters: { themes: ['Health and Social Care'], publisherIds: [PHS], formats: ['CSV'], licences: ['OGL-UK-3.0'], updatedSince: '2024-01-01T00:00:00Z' },
      first: 50,
    });
    expect(result.total).toBeGreaterThan(0);
    expect(result.total).toBeLessThan(30);
    for (const node of result.nodes) {
      expect(node).toMatchObject({ theme: 'Health and Social Care', licence: 'OGL-UK-3.0', publisher: { id: PHS } });
      expect(new Date(node.modified).getTime()).toBeGreaterThanOrEqual(Date.parse('2024-01-01T00:00:00Z'));
    }
    expect(result.facets.themes).toEqual([{ value: 'Health and Social Care', count: result.total }]);
  });

  it('pages through every result without repeats, in the order asked', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const page: any = await search({ q: 'council', sort: 'TITLE', first: 7, after });
      total = page.total;
      seen.push(...page.nodes.map((n: any) => n.title));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(seen);
  });

  it('refuses an over-long query and a forged cursor with BAD_USER_INPUT', async () => {
    const long = (await graph.post({ query: SEARCH, variables: { q: 'x'.repeat(201) } })).body;
    expect(long.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query' });
    const forged = (await graph.post({ query: SEARCH, variables: { q: 'crime', after: Buffer.from('["-5","x"]').toString('base64url') } })).body;
    expect(forged.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('recommendations', () => {
  it('recommends datasets like this one, explained, and never the dataset itself', async () => {
    const [{ id }] = await graph.sql(`SELECT id FROM datasets.dataset WHERE title = 'Hospital admissions by council area'`);
    const { body } = await graph.post({
      query: `query($id: ID!) { dataset(id: $id) { title recommendations(first: 10) { score reasons dataset { id title } } } }`,
      variables: { id },
    });
    const recommendations = body.data.dataset.recommendations;
    expect(recommendations).toHaveLength(10);
    expect(recommendations.map((r: any) => r.dataset.id)).not.toContain(id);
    expect(recommendations[0].dataset.title).toMatch(/^Hospital admissions /);
    expect(recommendations[0].reasons).toEqual([
      'Shares keywords: care, health, hospital, hospital admissions, nhs',
      'Same theme: Health and Social Care',
      'Same publisher',
    ]);
    const scores = recommendations.map((r: any) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

describe('feedback to data providers', () => {
  it("reaches the publisher's staff only, who can answer it", async () => {
    const [{ id: datasetId }] = await graph.sql(`SELECT id FROM datasets.dataset WHERE publisher_id = $1 LIMIT 1`, [NRS]);
    const sent = (
      await graph.post({
        query: `mutation($id: ID!) { sendDatasetFeedback(input: { datasetId: $id, message: "The 2021 figures for Orkney look doubled.", contactEmail: "analyst@example.org" }) { id message answer } }`,
        variables: { id: datasetId },
      })
    ).body.data.sendDatasetFeedback;
    expect(sent).toMatchObject({ message: 'The 2021 figures for Orkney look doubled.', answer: null });

    const nrsStaff = await graph.token({ role: 'staff', sub: 'nrs-statistician', org: NRS });
    const phsStaff = await graph.token({ role: 'staff', sub: 'phs-statistician', org: PHS });
    const inbox = `query($org: ID!, $id: ID!) { organisation(id: $org) { datasetFeedback { nodes { id message dataset { id } } } } dataset(id: $id) { feedback { id } } }`;
    const mine = (await graph.post({ query: inbox, variables: { org: NRS, id: datasetId } }, nrsStaff)).body;
    expect(mine.data.organisation.datasetFeedback.nodes).toEqual([{ id: sent.id, message: sent.message, dataset: { id: datasetId } }]);
    expect(mine.data.dataset.feedback).toEqual([{ id: sent.id }]);

    const other = (await graph.post({ query: inbox, variables: { org: NRS, id: datasetId } }, phsStaff)).body;
    expect(other.data).toEqual({ organisation: { datasetFeedback: null }, dataset: { feedback: null } });
    expect(other.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const anonymous = (await graph.post({ query: inbox, variables: { org: NRS, id: datasetId } })).body;
    expect(anonymous.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);

    const answer = `mutation($id: ID!) { answerDatasetFeedback(input: { feedbackId: $id, answer: "Thank you: corrected in the March release." }) { answer answeredAt } }`;
    expect((await graph.post({ query: answer, variables: { id: sent.id } }, phsStaff)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    const answered = (await graph.post({ query: answer, variables: { id: sent.id } }, nrsStaff)).body.data.answerDatasetFeedback;
    expect(answered).toEqual({ answer: 'Thank you: corrected in the March release.', answeredAt: expect.any(String) });
  });

  it.each([
    ['message', { message: ' ' }],
    ['contactEmail', { contactEmail: 'not-an-address' }],
    ['datasetId', { datasetId: 'dataset-1' }],
  ])('refuses a bad %s with BAD_USER_INPUT', async (argument, change) => {
    const [{ id }] = await graph.sql(`SELECT id FROM datasets.dataset LIMIT 1`);
    const input = { datasetId: id, message: 'Hello', ...change };
    const { body } = await graph.post({ query: `mutation($input: SendFeedbackInput!) { sendDatasetFeedback(input: $input) { id } }`, variables: { input } });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
