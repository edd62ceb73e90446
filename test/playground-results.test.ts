import path from 'node:path';
import { parse, validate } from 'graphql';
import { numericColumns, sortRows, tablesOf, toCsv } from '../gateway/playground/browser/results';
import { loadExamples } from '../gateway/playground/index';
import { apiSchemaOf, readSupergraph } from '../gateway/supergraph';
import { loadConfig } from '../runtime/config';

describe("the playground's tables", () => {
  it('finds every list of objects in an answer, flattening nested objects into dotted columns and marking withheld rows', () => {
    const tables = tablesOf({
      searchDatasets: {
        total: 2,
        nodes: [
          { title: 'Bus use', publisher: { name: 'Transport Scotland' }, keywords: ['bus', 'travel'] },
          { title: 'Rail use', publisher: { name: 'Transport Scotland' }, keywords: [] },
        ],
        facets: { themes: [{ value: 'Transport', count: 2 }], formats: [] },
      },
      learningAggregates: [
        { theme: 'data', learners: 12, suppressed: false },
        { theme: 'cyber', learners: null, suppressed: true },
      ],
    });
    expect(tables.map((table) => table.path)).toEqual(['searchDatasets.nodes', 'searchDatasets.facets.themes', 'learningAggregates']);
    expect(tables[0].columns).toEqual(['title', 'publisher.name', 'keywords']);
    expect(tables[0].rows[0]).toEqual({ title: 'Bus use', 'publisher.name': 'Transport Scotland', keywords: 'bus; travel' });
    expect([...tables[2].suppressedRows]).toEqual([1]);
    expect(numericColumns(tables[2])).toEqual(['learners']);
  });

  it('sorts numbers as numbers (Pence strings too) and puts nulls last', () => {
    const rows = [{ amount: '900' }, { amount: null }, { amount: '10000' }, { amount: '75' }];
    expect(sortRows(rows, 'amount', 'asc').map((row) => row.amount)).toEqual(['75', '900', '10000', null]);
    expect(sortRows(rows, 'amount', 'desc').map((row) => row.amount)).toEqual(['10000', '900', '75', null]);
  });

  it('writes RFC 4180 CSV in UTF-8 with formulas neutralised', () => {
    const csv = toCsv({
      columns: ['name', 'note', 'amount'],
      rows: [
        { name: 'Comhairle nan Eilean Siar', note: 'says "hello", then\nleaves', amount: 4750 },
        { name: '=HYPERLINK("http://evil.example")', note: '+1', amount: -5 },
        { name: '@SUM(A1)', note: null, amount: null },
      ],
    });
    expect(csv).toBe(
      '\uFEFFname,note,amount\r\n' +
        'Comhairle nan Eilean Siar,"says ""hello"", then\nleaves",4750\r\n' +
        `"'=HYPERLINK(""http://evil.example"")",'+1,-5\r\n` +
        "'@SUM(A1),,\r\n",
    );
  });
});

describe("the playground's shared examples", () => {
  const examples = loadExamples(path.join(__dirname, '..', 'operations', 'playground'));

  it('are grouped by audience, public first, each with a name and a description', () => {
    expect([...new Set(examples.map((example) => example.audience))]).toEqual(['public', 'analyst', 'council staff']);
    for (const example of examples)
      expect({ name: example.name, described: example.description.length > 20 }).toEqual({ name: expect.stringMatching(/^[A-Z]\w+$/), described: true });
  });

  it('all validate against the schema clients see', () => {
    const schema = apiSchemaOf(readSupergraph(path.join(__dirname, '..')));
    for (const example of examples)
      expect({ name: example.name, errors: validate(schema, parse(example.query)).map((error) => error.message) }).toEqual({ name: example.name, errors: [] });
  });
});

describe('PLAYGROUND_ROLES', () => {
  it('turns the playground on in production for those roles, who may then introspect', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://graph@db/graph',
      AUTH_ISSUER: 'https://signin.example.gov.scot',
      PLAYGROUND_ROLES: 'analyst,staff',
    });
    expect(config.gateway).toMatchObject({
      playground: true,
      introspection: false,
      introspectionRoles: ['analyst', 'staff'],
      queryPlanRoles: ['analyst', 'staff'],
    });
    expect(
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://graph@db/graph', AUTH_ISSUER: 'https://signin.example.gov.scot' }).gateway.playground,
    ).toBe(false);
    expect(() => loadConfig({ PLAYGROUND_ROLES: 'analysts' })).toThrow(
      'PLAYGROUND_ROLES: "analysts" is not a role; the roles are citizen, staff, analyst, partner, admin.',
    );
  });
});
