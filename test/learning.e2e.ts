import { randomUUID } from 'node:crypto';
import { seedId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

let graph: TestGraph;
const EDINBURGH = seedId('organisation', 'S12000036');
const GLASGOW = seedId('organisation', 'S12000049');
const COURSE = seedId('course', 'SQL for analysts');
let academy: string;
let glasgowStaff: string;

beforeAll(async () => {
  graph = await startTestGraph('default');
  // The Academy's learning service, acting for Edinburgh's staff.
  academy = await graph.token({ role: 'staff', sub: 'digital-academy-lms', org: EDINBURGH });
  glasgowStaff = await graph.token({ role: 'staff', sub: 'glasgow-learning-lead', org: GLASGOW });
  const rows = await graph.sql(`SELECT id FROM identity.account a WHERE NOT EXISTS (SELECT 1 FROM learning.statement s WHERE s.account_id = a.id) LIMIT 30`);
  freshAccounts = rows.map((row: any) => row.id);
});

afterAll(async () => {
  await graph?.stop();
});

const RECORD = `mutation($input: RecordStatementInput!) { recordStatement(input: $input) { id verb timestamp result { scoreScaled success completion duration } course { title } voidedBy } }`;
const VOID = `mutation($input: VoidStatementInput!) { voidStatement(input: $input) { id verb voids course { id } } }`;

let minute = 0;
function statement(accountId: string, verb: string, extra: Record<string, unknown> = {}) {
  minute += 1;
  return {
    id: randomUUID(),
    accountId,
    verb,
    courseId: COURSE,
    organisationId: EDINBURGH,
    timestamp: new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString(),
    ...extra,
  };
}

async function record(input: unknown, token = academy) {
  return (await graph.post({ query: RECORD, variables: { input } }, token)).body;
}

/** The learner's own view of their record, through the gateway. */
async function progressOf(accountId: string) {
  const citizen = await graph.token({ role: 'citizen', sub: accountId });
  const { body } = await graph.post(
    {
      query: `{ me { courseProgress { course { id } status bestScore } badges { name revokedAt statementId issuer } learningRecords(first: 50) { nodes { id verb } } } }`,
    },
    citizen,
  );
  expect(body.errors).toBeUndefined();
  return body.data.me;
}

/** Seeded accounts with no learning yet, one per test that needs a learner. */
let freshAccounts: string[] = [];
const freshLearner = () => freshAccounts.pop()!;

describe('xAPI statements', () => {
  it('accepts the same statement again without a duplicate, and refuses a different one with the same id', async () => {
    const learner = freshLearner();
    const input = statement(learner, 'ATTEMPTED', { result: { duration: 'PT45M' } });
    const first = await record(input);
    expect(first.errors).toBeUndefined();
    expect(await record(input)).toEqual(first);
    const [{ count }] = await graph.sql('SELECT count(*)::int AS count FROM learning.statement WHERE id = $1', [input.id]);
    expect(count).toBe(1);
    const changed = await record({ ...input, result: { duration: 'PT50M' } });
    expect(changed.errors[0].extensions.code).toBe('CONFLICT');
  });

  it('voids a wrong statement with a new one: the old is kept, marked, and no longer counts', async () => {
    const learner = freshLearner();
    await record(statement(learner, 'REGISTERED'));
    const wrong = statement(learner, 'PASSED', { result: { scoreScaled: 0.9, success: true, completion: true } });
    await record(wrong);
    let view = await progressOf(learner);
    expect(view.courseProgress).toEqual([{ course: { id: COURSE }, status: 'PASSED', bestScore: 0.9 }]);
    expect(view.badges).toEqual([{ name: 'SQL for analysts', revokedAt: null, statementId: wrong.id, issuer: 'Scottish Digital Academy' }]);

    const voiding = { id: randomUUID(), statementId: wrong.id };
    const voided = (await graph.post({ query: VOID, variables: { input: voiding } }, academy)).body;
    expect(voided.data.voidStatement).toEqual({ id: voiding.id, verb: 'VOIDED', voids: wrong.id, course: null });
    view = await progressOf(learner);
    expect(view.courseProgress).toEqual([{ course: { id: COURSE }, status: 'REGISTERED', bestScore: null }]);
    expect(view.badges[0].revokedAt).toEqual(expect.any(String));
    expect(view.learningRecords.nodes.map((n: any) => n.verb)).toEqual(['REGISTERED']);
    const [kept] = await graph.sql('SELECT verb, voided_by FROM learning.statement WHERE id = $1', [wrong.id]);
    expect(kept).toEqual({ verb: 'PASSED', voided_by: voiding.id });

    // The same voiding again is fine; another, or voiding the voiding statement, is not.
    expect((await graph.post({ query: VOID, variables: { input: voiding } }, academy)).body.data.voidStatement.id).toBe(voiding.id);
    expect((await graph.post({ query: VOID, variables: { input: { id: randomUUID(), statementId: wrong.id } } }, academy)).body.errors[0].extensions.code).toBe(
      'CONFLICT',
    );
    expect(
      (await graph.post({ query: VOID, variables: { input: { id: randomUUID(), statementId: voiding.id } } }, academy)).body.errors[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      (await graph.post({ query: VOID, variables: { input: { id: randomUUID(), statementId: wrong.id } } }, glasgowStaff)).body.errors[0].extensions.code,
    ).toBe('FORBIDDEN');

    // Passing again earns the badge back.
    const again = statement(learner, 'PASSED', { result: { scoreScaled: 0.7, success: true } });
    await record(again);
    view = await progressOf(learner);
    expect(view.badges).toEqual([{ name: 'SQL for analysts', revokedAt: null, statementId: again.id, issuer: 'Scottish Digital Academy' }]);
  });

  it.each([
    [['REGISTERED'], 'REGISTERED'],
    [['REGISTERED', 'ATTEMPTED'], 'IN_PROGRESS'],
    [['REGISTERED', 'ATTEMPTED', 'FAILED'], 'FAILED'],
    [['REGISTERED', 'ATTEMPTED', 'FAILED', 'PASSED'], 'PASSED'],
    [['REGISTERED', 'ATTEMPTED', 'PASSED', 'FAILED'], 'PASSED'],
    [['REGISTERED', 'COMPLETED'], 'COMPLETED'],
    [['REGISTERED', 'FAILED', 'ATTEMPTED'], 'FAILED'],
  ])('derives progress from %j as %s', async (verbs, status) => {
    const learner = freshLearner();
    for (const verb of verbs) await record(statement(learner, verb));
    expect((await progressOf(learner)).courseProgress[0].status).toBe(status);
  });

  it.each([
    ['verb', { verb: 'VOIDED' }],
    ['result', { result: { scoreScaled: 1.5 } }],
    ['result', { result: { duration: '90 minutes' } }],
    ['timestamp', { timestamp: '2999-01-01T00:00:00Z' }],
    ['courseId', { courseId: 'sql-101' }],
  ])('refuses a bad %s with BAD_USER_INPUT', async (argument, change) => {
    const body = await record({ ...statement(randomUUID(), 'ATTEMPTED'), ...change });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it("records only for the sender's own organisation", async () => {
    const body = await record(statement(randomUUID(), 'REGISTERED'), glasgowStaff);
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    const citizen = await graph.token({ role: 'citizen', sub: randomUUID() });
    expect((await record(statement(randomUUID(), 'REGISTERED'), citizen)).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('learning aggregates', () => {
  it('gives an organisation its own figures in full, and everyone else suppressed ones', async () => {
    const query = `query($org: ID) { learningAggregates(groupBy: MONTH, organisationId: $org) { month learners registrations completions completionRate suppressed } }`;
    const staff = await graph.token({ role: 'staff', sub: 'edinburgh-learning-lead', org: EDINBURGH });
    const own = (await graph.post({ query, variables: { org: EDINBURGH } }, staff)).body.data.learningAggregates;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((row: any) => row.suppressed === false && row.learners > 0)).toBe(true);
    expect(own.some((row: any) => row.learners < 10)).toBe(true);

    const analyst = await graph.token({ role: 'analyst', sub: 'analyst-2' });
    const academyWide = (await graph.post({ query, variables: { org: null } }, analyst)).body.data.learningAggregates;
    for (const row of academyWide) {
      for (const count of [row.learners, row.registrations, row.completions]) expect(count === null || count === 0 || count >= 10).toBe(true);
      expect(row.completionRate).toBeNull();
    }
    const byTheme = (await graph.post({ query: query.replace('MONTH', 'THEME'), variables: { org: null } }, analyst)).body.data.learningAggregates;
    for (const row of byTheme) expect(row.completionRate).toBeGreaterThan(0);
    for (const row of byTheme) expect(row.completionRate).toBeLessThanOrEqual(1);
    expect((await graph.post({ query, variables: { org: EDINBURGH } }, analyst)).body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('serves repeated aggregates from cache and recomputes as soon as a statement is recorded or voided', async () => {
    const staff = await graph.token({ role: 'staff', sub: 'edinburgh-learning-lead', org: EDINBURGH });
    const query = `query($org: ID) { learningAggregates(groupBy: THEME, organisationId: $org) { theme learners registrations } }`;
    const theme = async () =>
      ((await graph.post({ query, variables: { org: EDINBURGH } }, staff)).body.data.learningAggregates as any[]).find((row) => row.theme === 'data');
    const before = await theme();
    // Asked again with nothing written: no aggregate SQL reaches the learning database, only the version check.
    const statements = await graph.countStatements(() => theme());
    expect(statements.learning).toBe(1);

    const learner = freshLearner();
    const registered = statement(learner, 'REGISTERED');
    expect((await record(registered)).errors).toBeUndefined();
    const after = await theme();
    expect(after).toEqual({ ...before, learners: before.learners + 1, registrations: before.registrations + 1 });

    expect((await graph.post({ query: VOID, variables: { input: { id: randomUUID(), statementId: registered.id } } }, academy)).body.errors).toBeUndefined();
    expect(await theme()).toEqual(before);
  });
});
