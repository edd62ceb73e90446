import { gql } from 'graphql-request';
import { seedId } from '../seed/ids';
import { PaymentStatus, TRANSITIONS } from '../subgraphs/payments/entities/payment';
import { encodeCursor } from '../subgraphs/shared/pagination';
import { type TestGraph, startTestGraph } from './support/graph';

let graph: TestGraph;
const EDINBURGH = seedId('organisation', 'S12000036');
const GLASGOW = seedId('organisation', 'S12000049');
let keySeq = 0;
const newKey = (label: string) => `${label}-${process.pid}-${++keySeq}`;

let edinburghStaff: string;
let glasgowStaff: string;

beforeAll(async () => {
  graph = await startTestGraph('default');
  edinburghStaff = await graph.token({ role: 'staff', sub: 'edinburgh-payments-officer', org: EDINBURGH });
  glasgowStaff = await graph.token({ role: 'staff', sub: 'glasgow-payments-officer', org: GLASGOW });
});

afterAll(async () => {
  await graph?.stop();
});

const PAYMENT_FIELDS = 'id status finished amount refunded refundable direction reference events { kind fromStatus toStatus amount detail }';
const CREATE = `mutation Create($input: CreatePaymentInput!) { createPayment(input: $input) { ${PAYMENT_FIELDS} } }`;
const CHANGE = `mutation Change($input: ChangePaymentStatusInput!) { changePaymentStatus(input: $input) { ${PAYMENT_FIELDS} } }`;
const REFUND = `mutation Refund($input: RefundPaymentInput!) { refundPayment(input: $input) { id amount reason } }`;
const CHECK = `mutation Check($input: CheckPayeeInput!) { checkPayee(input: $input) { id outcome matchedName accountNumber } }`;

function inbound(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: newKey('pay'),
    organisationId: EDINBURGH,
    direction: 'INBOUND',
    amount: '2500',
    reference: 'PCN-1',
    description: 'Parking permit',
    ...overrides,
  };
}

async function call(query: string, input: unknown, token = edinburghStaff) {
  const { status, body } = await graph.post({ query, variables: { input } }, token);
  expect(status).toBe(200);
  return body as { data?: any; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

async function create(overrides: Record<string, unknown> = {}) {
  const body = await call(CREATE, inbound(overrides));
  expect(body.errors).toBeUndefined();
  return body.data.createPayment;
}

/** A legal path from CREATED to each status. */
const PATH: Record<PaymentStatus, PaymentStatus[]> = {
  CREATED: [],
  STARTED: [PaymentStatus.STARTED],
  SUBMITTED: [PaymentStatus.STARTED, PaymentStatus.SUBMITTED],
  CAPTURABLE: [PaymentStatus.STARTED, PaymentStatus.SUBMITTED, PaymentStatus.CAPTURABLE],
  SUCCESS: [PaymentStatus.STARTED, PaymentStatus.SUBMITTED, PaymentStatus.SUCCESS],
  FAILED: [PaymentStatus.FAILED],
  CANCELLED: [PaymentStatus.CANCELLED],
  ERROR: [PaymentStatus.ERROR],
};

async function paymentIn(status: PaymentStatus, overrides: Record<string, unknown> = {}) {
  let payment = await create(overrides);
  for (const next of PATH[status]) {
    const body = await call(CHANGE, { paymentId: payment.id, status: next });
    expect(body.errors).toBeUndefined();
    payment = body.data.changePaymentStatus;
  }
  expect(payment.status).toBe(status);
  return payment;
}

const STATUSES = Object.values(PaymentStatus);
const PAIRS = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));

describe('the payment state machine', () => {
  it.each(PAIRS)('%s → %s is allowed exactly when the table says so', async (from, to) => {
    const payment = await paymentIn(from);
    const body = await call(CHANGE, { paymentId: payment.id, status: to, reason: 'test' });
    const [row] = await graph.sql('SELECT status FROM payments.payment WHERE id = $1', [payment.id]);
    const [{ events }] = await graph.sql('SELECT count(*)::int AS events FROM payments.payment_event WHERE payment_id = $1', [payment.id]);
    if (TRANSITIONS[from].includes(to)) {
      expect(body.errors).toBeUndefined();
      expect(body.data.changePaymentStatus).toMatchObject({ status: to, finished: ['SUCCESS', 'FAILED', 'CANCELLED', 'ERROR'].includes(to) });
      expect(body.data.changePaymentStatus.events.at(-1)).toEqual({ kind: 'STATUS_CHANGED', fromStatus: from, toStatus: to, amount: null, detail: 'test' });
      expect(row.status).toBe(to);
      expect(events).toBe(PATH[from].length + 2);
    } else {
      expect(body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentStatus: from });
      expect(row.status).toBe(from);
      expect(events).toBe(PATH[from].length + 1);
    }
  });

  it('treats asking for the current status as a no-op', async () => {
    const payment = await paymentIn(PaymentStatus.STARTED);
    const body = await call(CHANGE, { paymentId: payment.id, status: 'STARTED' });
    expect(body.data.changePaymentStatus.events).toHaveLength(2);
  });

  it('is enforced by the database too: an illegal UPDATE is refused by the trigger', async () => {
    const payment = await paymentIn(PaymentStatus.SUCCESS);
    await expect(graph.sql(`UPDATE payments.payment SET status = 'CREATED' WHERE id = $1`, [payment.id])).rejects.toMatchObject({ code: '23514' });
  });

  it("answers FORBIDDEN for an unknown or another organisation's payment, and BAD_USER_INPUT for a malformed id", async () => {
    expect((await call(CHANGE, { paymentId: '00000000-0000-4000-8000-000000000000', status: 'STARTED' })).errors![0].extensions.code).toBe('FORBIDDEN');
    const payment = await create();
    expect((await call(CHANGE, { paymentId: payment.id, status: 'STARTED' }, glasgowStaff)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await call(CHANGE, { paymentId: 'nope', status: 'STARTED' })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'paymentId',
    });
  });
});

describe('idempotency keys', () => {
  it('turns 100 concurrent creates with one key into exactly one payment and 100 identical answers', async () => {
    const input = inbound({ idempotencyKey: newKey('burst') });
    const answers = await Promise.all(Array.from({ length: 100 }, () => call(CREATE, input)));
    const [{ count }] = await graph.sql('SELECT count(*)::int AS count FROM payments.payment WHERE idempotency_key = $1', [input.idempotencyKey]);
    expect(count).toBe(1);
    expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0].data.createPayment.events).toEqual([{ kind: 'CREATED', fromStatus: null, toStatus: 'CREATED', amount: '2500', detail: null }]);
  });

  it('refuses the same key with a different request as CONFLICT, and creates nothing', async () => {
    const input = inbound();
    await create(input);
    const body = await call(CREATE, { ...input, amount: '2600' });
    expect(body.errors![0].extensions.code).toBe('CONFLICT');
    const [{ count }] = await graph.sql('SELECT count(*)::int AS count FROM payments.payment WHERE idempotency_key = $1', [input.idempotencyKey]);
    expect(count).toBe(1);
  });

  it('scopes keys to the organisation', async () => {
    const key = newKey('shared');
    const edinburgh = await create({ idempotencyKey: key });
    const body = await call(CREATE, inbound({ idempotencyKey: key, organisationId: GLASGOW }), glasgowStaff);
    expect(body.data.createPayment.id).not.toBe(edinburgh.id);
  });

  it.each([[''], ['has space'], ['ünïcode'], ['x'.repeat(256)]])('refuses the key %p with BAD_USER_INPUT', async (idempotencyKey) => {
    const body = await call(CREATE, inbound({ idempotencyKey }));
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idempotencyKey' });
  });

  it.each([
    ['amount', '0'],
    ['amount', '10000000001'],
    ['reference', ''],
    ['description', 'x'.repeat(256)],
    ['organisationId', 'edinburgh'],
  ])('refuses %s = %p with BAD_USER_INPUT', async (argument, value) => {
    const body = await call(CREATE, inbound({ [argument]: value }));
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});

describe('refunds', () => {
  async function refund(paymentId: string, amount: string, expectedRefundable: string) {
    return call(REFUND, { idempotencyKey: newKey('refund'), paymentId, amount, expectedRefundable, reason: 'Permit not needed' });
  }

  it('refunds in parts down to the last penny and never beyond', async () => {
    const payment = await paymentIn(PaymentStatus.SUCCESS, { amount: '1000' });
    expect((await refund(payment.id, '600', '1000')).errors).toBeUndefined();
    const over = await refund(payment.id, '401', '400');
    expect(over.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'amount', refundable: '400' });
    expect((await refund(payment.id, '400', '400')).errors).toBeUndefined();
    const [row] = await graph.sql('SELECT refunded_pence FROM payments.payment WHERE id = $1', [payment.id]);
    expect(row.refunded_pence).toBe('1000');
  });

  it('lets exactly one of 20 concurrent refunds racing for the last pennies through', async () => {
    const payment = await paymentIn(PaymentStatus.SUCCESS, { amount: '1000' });
    expect((await refund(payment.id, '970', '1000')).errors).toBeUndefined();
    const race = await Promise.all(Array.from({ length: 20 }, () => refund(payment.id, '30', '30')));
    const won = race.filter((answer) => !answer.errors);
    expect(won).toHaveLength(1);
    for (const lost of race.filter((answer) => answer.errors)) expect(lost.errors![0].extensions).toMatchObject({ code: 'CONFLICT', refundable: '0' });
    const [row] = await graph.sql(
      `SELECT p.amount_pence, p.refunded_pence, (SELECT sum(amount_pence) FROM payments.refund r WHERE r.payment_id = p.id)::text AS refunds
         FROM payments.payment p WHERE p.id = $1`,
      [payment.id],
    );
    expect(row).toEqual({ amount_pence: '1000', refunded_pence: '1000', refunds: '1000' });
  });

  it('never refunds more than was paid when every racer reads the refundable amount first', async () => {
    const payment = await paymentIn(PaymentStatus.SUCCESS, { amount: '500' });
    const racer = async () => {
      for (;;) {
        const { payment: current } = await graph.as(edinburghStaff).request<any>(
          gql`
            query P($id: ID!) {
              payment(id: $id) {
                refundable
              }
            }
          `,
          { id: payment.id },
        );
        if (BigInt(current.refundable) < 70n) return;
        await refund(payment.id, '70', current.refundable);
      }
    };
    await Promise.all(Array.from({ length: 8 }, racer));
    const [row] = await graph.sql(
      `SELECT refunded_pence, (SELECT sum(amount_pence) FROM payments.refund WHERE payment_id = $1)::text AS refunds FROM payments.payment WHERE id = $1`,
      [payment.id],
    );
    // 7 refunds of 70p fit in 500p; the last 10p cannot take another 70p.
    expect(row).toEqual({ refunded_pence: '490', refunds: '490' });
  });

  it('is idempotent by key, and refuses unfinished or outbound payments', async () => {
    const payment = await paymentIn(PaymentStatus.SUCCESS, { amount: '800' });
    const input = { idempotencyKey: newKey('refund'), paymentId: payment.id, amount: '100', expectedRefundable: '800', reason: 'Duplicate charge' };
    const first = await call(REFUND, input);
    const again = await call(REFUND, input);
    expect(again).toEqual(first);
    expect((await call(REFUND, { ...input, amount: '200' })).errors![0].extensions.code).toBe('CONFLICT');
    const unfinished = await paymentIn(PaymentStatus.SUBMITTED);
    expect((await refund(unfinished.id, '100', '2500')).errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'SUBMITTED' });
  });
});

describe('a failure between the change and its audit event', () => {
  beforeAll(async () => {
    await graph.sql(`
      CREATE FUNCTION payments.fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
  });

  afterEach(async () => {
    await graph.sql('DROP TRIGGER IF EXISTS fail_audit ON payments.payment_event');
  });

  const breakAudit = () => graph.sql('CREATE TRIGGER fail_audit BEFORE INSERT ON payments.payment_event FOR EACH ROW EXECUTE FUNCTION payments.fail_audit()');

  it('leaves no payment behind', async () => {
    await breakAudit();
    const input = inbound();
    const body = await call(CREATE, input);
    expect(body.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toContain('audit store unavailable');
    const rows = await graph.sql('SELECT id FROM payments.payment WHERE idempotency_key = $1', [input.idempotencyKey]);
    expect(rows).toEqual([]);
  });

  it('leaves the status and the refunded amount as they were', async () => {
    const payment = await paymentIn(PaymentStatus.SUCCESS, { amount: '900' });
    const submitted = await paymentIn(PaymentStatus.SUBMITTED);
    await breakAudit();
    expect((await call(CHANGE, { paymentId: submitted.id, status: 'SUCCESS' })).errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(
      (await call(REFUND, { idempotencyKey: newKey('r'), paymentId: payment.id, amount: '100', expectedRefundable: '900', reason: 'x' })).errors![0].extensions
        .code,
    ).toBe('INTERNAL_SERVER_ERROR');
    const state = (id: string) => graph.sql('SELECT status, refunded_pence FROM payments.payment WHERE id = $1', [id]);
    expect(await state(submitted.id)).toEqual([{ status: 'SUBMITTED', refunded_pence: '0' }]);
    expect(await state(payment.id)).toEqual([{ status: 'SUCCESS', refunded_pence: '0' }]);
    expect(await graph.sql('SELECT id FROM payments.refund WHERE payment_id = $1', [payment.id])).toEqual([]);
  });
});

describe('Confirmation of Payee', () => {
  // Seeded account holders (seed/payments.ts): payee n is on <prefix>0101 / 1000000n.
  const ailsa = { organisationId: EDINBURGH, sortCode: '83-01-01', accountNumber: '10000001', accountType: 'PERSONAL' };

  it.each([
    ['Ailsa MacDonald', 'PERSONAL', 'MATCH', null],
    ['Mrs A MacDonald', 'PERSONAL', 'CLOSE_MATCH', 'Ailsa MacDonald'],
    ['Ailsa McDonald', 'PERSONAL', 'CLOSE_MATCH', 'Ailsa MacDonald'],
    ['Ailsa MacDonald', 'BUSINESS', 'ACCOUNT_TYPE_MISMATCH', 'Ailsa MacDonald'],
    ['Morag Kerr', 'PERSONAL', 'NO_MATCH', null],
  ])('%s (%s) → %s', async (name, accountType, outcome, matchedName) => {
    const body = await call(CHECK, { ...ailsa, name, accountType });
    expect(body.data.checkPayee).toMatchObject({ outcome, matchedName, accountNumber: '****0001' });
  });

  it('answers NO_MATCH for an account nobody holds and UNAVAILABLE outside the scheme', async () => {
    expect((await call(CHECK, { ...ailsa, name: 'Ailsa MacDonald', accountNumber: '19999999' })).data.checkPayee.outcome).toBe('NO_MATCH');
    expect((await call(CHECK, { ...ailsa, name: 'Ailsa MacDonald', sortCode: '890101' })).data.checkPayee.outcome).toBe('UNAVAILABLE');
  });

  it.each([
    ['sortCode', '12345'],
    ['accountNumber', '1234'],
    ['name', ' '],
  ])('refuses %s = %p with BAD_USER_INPUT', async (argument, value) => {
    expect((await call(CHECK, { ...ailsa, name: 'Ailsa MacDonald', [argument]: value })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument,
    });
  });

  it('lets an outbound payment to a NO_MATCH payee go only with a recorded override', async () => {
    const check = (await call(CHECK, { ...ailsa, name: 'Morag Kerr' })).data.checkPayee;
    const outbound = inbound({ direction: 'OUTBOUND', payeeCheckId: check.id, description: 'Best Start Grant' });
    const refused = await call(CREATE, outbound);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'payeeOverride', payeeCheckOutcome: 'NO_MATCH' });
    const paid = await call(CREATE, { ...outbound, payeeOverride: 'Name confirmed by phone with the applicant' });
    expect(paid.data.createPayment.events.map((e: any) => e.kind)).toEqual(['CREATED', 'PAYEE_OVERRIDDEN']);
    expect(paid.data.createPayment.events[1].detail).toBe('NO_MATCH: Name confirmed by phone with the applicant');
  });

  it('needs a check for every outbound payment, made by the paying organisation', async () => {
    expect((await call(CREATE, inbound({ direction: 'OUTBOUND' }))).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'payeeCheckId' });
    const check = (await call(CHECK, { ...ailsa, name: 'Ailsa MacDonald' })).data.checkPayee;
    const otherOrganisation = await call(CREATE, inbound({ direction: 'OUTBOUND', payeeCheckId: check.id, organisationId: GLASGOW }), glasgowStaff);
    expect(otherOrganisation.errors![0].extensions.code).toBe('NOT_FOUND');
    const matched = await call(CREATE, inbound({ direction: 'OUTBOUND', payeeCheckId: check.id }));
    expect(matched.errors).toBeUndefined();
  });
});

describe('audit trail and reporting', () => {
  it("lists an organisation's events newest first, and totals by month that add up", async () => {
    const payment = await paymentIn(PaymentStatus.SUCCESS, { amount: '4321' });
    const data = await graph.as(edinburghStaff).request<any>(
      gql`
        query Audit($id: ID!) {
          organisation(id: $id) {
            paymentEvents(first: 4) {
              nodes {
                kind
                toStatus
              }
            }
            paymentReport(from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") {
              month
              direction
              status
              payments
              amount
            }
          }
        }
      `,
      { id: EDINBURGH },
    );
    expect(data.organisation.paymentEvents.nodes[0]).toEqual({ kind: 'STATUS_CHANGED', toStatus: 'SUCCESS' });
    const [db] = await graph.sql(`SELECT count(*)::int AS payments, sum(amount_pence)::text AS amount FROM payments.payment WHERE organisation_id = $1`, [
      EDINBURGH,
    ]);
    const report = data.organisation.paymentReport;
    expect(report.reduce((sum: number, row: any) => sum + row.payments, 0)).toBe(db.payments);
    expect(report.reduce((sum: bigint, row: any) => sum + BigInt(row.amount), 0n).toString()).toBe(db.amount);
    expect(report.some((row: any) => row.month === new Date().toISOString().slice(0, 7) && row.status === 'SUCCESS')).toBe(true);
    expect(payment.status).toBe('SUCCESS');
  });

  it('refuses a report window that ends before it starts', async () => {
    const body = await graph.post(
      { query: `{ organisation(id: "${EDINBURGH}") { paymentReport(from: "2025-01-01T00:00:00Z", to: "2024-01-01T00:00:00Z") { month } } }` },
      edinburghStaff,
    );
    expect(body.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
  });
});

describe('paging', () => {
  const PAGE = gql`
    query Page($id: ID!, $after: String) {
      organisation(id: $id) {
        paymentTotals {
          direction
          status
          payments
        }
        payments(first: 7, after: $after, direction: INBOUND, status: SUCCESS) {
          totalCount
          edges {
            cursor
            node {
              id
            }
          }
          pageInfo {
            hasNextPage
            hasPreviousPage
            startCursor
            endCursor
          }
        }
      }
    }
  `;

  it('walks a filtered list to its end: each page says truthfully what lies before and after it, and totalCount is what the pages hold', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let expected: number | undefined;
    for (;;) {
      const data: any = await graph.as(glasgowStaff).request(PAGE, { id: GLASGOW, after });
      const { totalCount, edges, pageInfo } = data.organisation.payments;
      expected = data.organisation.paymentTotals.find((row: any) => row.direction === 'INBOUND' && row.status === 'SUCCESS').payments;
      expect(totalCount).toBe(expected);
      expect(pageInfo.hasPreviousPage).toBe(pages > 0);
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
      seen.push(...edges.map((edge: any) => edge.node.id));
      pages += 1;
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(expected);
  });

  it('says there is nothing before a cursor that sorts ahead of every item, although a cursor was given', async () => {
    // Newest first: a cursor from the future has the whole list after it and nothing before it.
    const after = encodeCursor({ key: '2999-01-01T00:00:00.000Z', id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' });
    const data: any = await graph.as(glasgowStaff).request(PAGE, { id: GLASGOW, after });
    expect(data.organisation.payments.pageInfo.hasPreviousPage).toBe(false);
    expect(data.organisation.payments.edges.length).toBe(7);
  });
});

describe('paging backwards', () => {
  const PAGE = gql`
    query Page($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      organisation(id: $id) {
        payments(first: $first, after: $after, last: $last, before: $before, direction: INBOUND) {
          edges {
            cursor
            node {
              id
            }
          }
          pageInfo {
            hasNextPage
            hasPreviousPage
            startCursor
            endCursor
          }
        }
      }
    }
  `;
  const page = async (variables: Record<string, unknown>) =>
    ((await graph.as(glasgowStaff).request(PAGE, { id: GLASGOW, ...variables })) as any).organisation.payments;

  it('reads the same list from its end, page by page with `last` and `before`, in list order', async () => {
    const forwards: string[] = [];
    for (let after: string | null = null; ;) {
      const { edges, pageInfo } = await page({ first: 50, after });
      forwards.push(...edges.map((edge: any) => edge.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    const backwards: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const { edges, pageInfo } = await page({ last: 7, before });
      backwards.unshift(edges.map((edge: any) => edge.node.id));
      // At the list's end (no `before`) nothing follows; after that, the page we came from does.
      expect(pageInfo.hasNextPage).toBe(before !== null);
      expect(pageInfo.startCursor).toBe(edges[0].cursor);
      if (!pageInfo.hasPreviousPage) break;
      before = pageInfo.startCursor;
    }
    expect(backwards.flat()).toEqual(forwards);
    expect(backwards.length).toBe(Math.ceil(forwards.length / 7));
  });

  it('refuses forwards and backwards at once', async () => {
    const first = await page({ first: 2 });
    const { body } = await graph.post(
      { query: PAGE.toString(), variables: { id: GLASGOW, after: first.pageInfo.endCursor, before: first.pageInfo.startCursor } },
      glasgowStaff,
    );
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });
  });
});

describe('running totals', () => {
  it("equal a count over the payments themselves after the seed's bulk load and every write above, failed ones included", async () => {
    const kept = await graph.sql(
      `SELECT organisation_id, direction, status, payments::int, amount_pence::text AS amount FROM payments.payment_total WHERE payments > 0 ORDER BY 1, 2, 3`,
    );
    const counted = await graph.sql(
      `SELECT organisation_id, direction, status, count(*)::int AS payments, sum(amount_pence)::text AS amount FROM payments.payment GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(counted);
  });
});
