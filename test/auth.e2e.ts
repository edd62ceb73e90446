import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type KeyLike, SignJWT, exportSPKI, generateKeyPair, importJWK } from 'jose';
import { LOCAL_ISSUER } from '../runtime/config';
import { COUNCIL_KEYS } from '../seed/catalogue';
import { seedId, seedSerialId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

let graph: TestGraph;
const COUNCILS = COUNCIL_KEYS.map((gss) => seedId('organisation', gss));
const EDINBURGH = seedId('organisation', 'S12000036');
const DISCLOSURE = seedId('organisation', 'disclosure-scotland');
const staffTokens = new Map<string, string>();

beforeAll(async () => {
  graph = await startTestGraph('default');
  for (const council of COUNCILS) staffTokens.set(council, await graph.token({ role: 'staff', sub: `officer-${council}`, org: council }));
});

afterAll(async () => {
  await graph?.stop();
});

const codes = (body: any): string[] => (body.errors ?? []).map((e: any) => e.extensions.code);

describe('tokens', () => {
  const QUERY = { query: '{ organisations(first: 1) { nodes { name } } }' };
  const claims = { role: 'staff', sub: 'officer', org: EDINBURGH };

  async function signWithGraphKey(payload: Record<string, unknown>, protectedHeader: Record<string, unknown> = {}) {
    const jwk = JSON.parse(readFileSync(path.join(graph.dataDir, 'keys', 'signing-key.jwk.json'), 'utf8'));
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: jwk.kid, ...protectedHeader }).sign(await importJWK(jwk, 'ES256'));
  }
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a valid token and answers anonymous requests with public data', async () => {
    expect(await graph.post(QUERY, await graph.token(claims))).toMatchObject({
      status: 200,
      body: { data: { organisations: { nodes: [{ name: expect.any(String) }] } } },
    });
    expect((await graph.post(QUERY)).status).toBe(200);
  });

  const forgeries: [string, () => Promise<string>][] = [
    ['an expired token', () => graph.token(claims, { expiresIn: now() - 60 })],
    ['a token for another issuer', () => signWithGraphKey({ ...claims, iss: 'https://evil.example', aud: 'scotland-graph', exp: now() + 600 })],
    ['a token for another audience', () => signWithGraphKey({ ...claims, iss: LOCAL_ISSUER, aud: 'another-service', exp: now() + 600 })],
    ['a token with no expiry', () => signWithGraphKey({ ...claims, iss: LOCAL_ISSUER, aud: 'scotland-graph' })],
    [
      'an unsigned token (alg: none)',
      async () => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, role: 'admin', iss: LOCAL_ISSUER, aud: 'scotland-graph', exp: now() + 600 })}.`;
      },
    ],
    [
      'an HS256 token signed with the public key',
      async () => {
        const jwks = JSON.parse(readFileSync(path.join(graph.dataDir, 'keys', 'jwks.json'), 'utf8'));
        const publicPem = await exportSPKI((await importJWK(jwks.keys[0], 'ES256')) as KeyLike);
        return new SignJWT({ ...claims, role: 'admin' })
          .setProtectedHeader({ alg: 'HS256', kid: jwks.keys[0].kid })
          .setIssuer(LOCAL_ISSUER)
          .setAudience('scotland-graph')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(publicPem));
      },
    ],
    [
      'a token whose payload was changed after signing',
      async () => {
        const [header, payload, signature] = (await graph.token(claims)).split('.');
        const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), org: COUNCILS[1] };
        return `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
      },
    ],
    [
      'a token signed by an unknown key',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT(claims)
          .setProtectedHeader({ alg: 'ES256', kid: 'stranger' })
          .setIssuer(LOCAL_ISSUER)
          .setAudience('scotland-graph')
          .setExpirationTime('1h')
          .sign(privateKey);
      },
    ],
    ['a token with an unknown role', () => graph.token({ role: 'superuser', sub: 'x' })],
    ['a staff token that names no organisation', () => graph.token({ role: 'staff', sub: 'x' })],
    ['a citizen token whose subject is not an account id', () => graph.token({ role: 'citizen', sub: 'somebody' })],
  ];

  it.each(forgeries)('refuses %s with UNAUTHENTICATED at the gateway and at every subgraph', async (_name, forge) => {
    const token = await forge();
    const atGateway = await graph.post(QUERY, token);
    expect(atGateway.status).toBe(401);
    expect(codes(atGateway.body)).toEqual(['UNAUTHENTICATED']);
    for (const subgraph of Object.values(graph.subgraphs)) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect({ subgraph: subgraph.name, status: response.status }).toEqual({ subgraph: subgraph.name, status: 401 });
    }
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify(QUERY),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('tells anonymous callers to sign in for anything but public data', async () => {
    const body = (
      await graph.post({
        query: `{ organisation(id: "${EDINBURGH}") { name payments { nodes { id } } integrations { id } learners { nodes { statements } } } }`,
      })
    ).body;
    expect(body.data.organisation).toEqual({ name: 'City of Edinburgh', payments: null, integrations: null, learners: null });
    expect(codes(body)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(codes((await graph.post({ query: '{ accounts { nodes { id } } }' })).body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe("staff of one council and another council's data, for every pair of councils", () => {
  let paymentOf: Map<string, string>;
  let citizenOf: Map<string, string>;

  beforeAll(async () => {
    const payments = await graph.sql(
      `SELECT DISTINCT ON (organisation_id) organisation_id, id FROM payments.payment WHERE organisation_id = ANY($1) ORDER BY organisation_id, id`,
      [COUNCILS],
    );
    paymentOf = new Map(payments.map((row: any) => [row.organisation_id, row.id]));
    // An account that has used exactly one council and nothing else.
    const citizens = await graph.sql(
      `SELECT DISTINCT ON (u.organisation_id) u.organisation_id, u.account_id FROM identity.organisation_use u
        WHERE u.organisation_id = ANY($1) AND (SELECT count(*) FROM identity.organisation_use o WHERE o.account_id = u.account_id) = 1
        ORDER BY u.organisation_id, u.account_id`,
      [COUNCILS],
    );
    citizenOf = new Map(citizens.map((row: any) => [row.organisation_id, row.account_id]));
    expect(paymentOf.size).toBe(32);
    expect(citizenOf.size).toBe(32);
  });

  it.each(COUNCILS.map((council, i) => [COUNCIL_KEYS[i], council]))('staff of %s see their own and nothing of the 31 others', async (_gss, council) => {
    const token = staffTokens.get(council)!;
    // By list: every council with its payments, learners and integrations.
    const list = (
      await graph.post(
        {
          query: `{ organisations(first: 100, type: LOCAL_AUTHORITY) { nodes { id payments(first: 1) { nodes { id } } learners(first: 1) { nodes { statements } } integrations { id } } } }`,
        },
        token,
      )
    ).body;
    // One error per field refused across the list, naming every refused position.
    expect(list.errors).toHaveLength(3);
    expect(list.errors.map((e: any) => [e.extensions.code, e.extensions.count])).toEqual(Array(3).fill(['FORBIDDEN', 31]));
    const forbiddenPaths = new Set(list.errors.flatMap((e: any) => e.extensions.paths.map((p: (string | number)[]) => p.join('.'))));
    expect(forbiddenPaths.size).toBe(31 * 3);
    list.data.organisations.nodes.forEach((node: any, i: number) => {
      const fields = ['payments', 'learners', 'integrations'];
      if (node.id === council) {
        expect(node.payments.nodes).toHaveLength(1);
        expect(node.integrations.length).toBeGreaterThan(0);
      } else {
        for (const field of fields) {
          expect(node[field]).toBeNull();
          expect(forbiddenPaths.has(`organisations.nodes.${i}.${field}`)).toBe(true);
        }
      }
    });

    // By id: every council's payment and one of its citizens.
    const byId = (
      await graph.post(
        {
          query: `{ ${COUNCILS.map((other, i) => `p${i}: payment(id: "${paymentOf.get(other)}") { id } a${i}: account(id: "${citizenOf.get(other)}") { id verifiedAttributes { kind } }`).join(' ')} }`,
        },
        token,
      )
    ).body;
    COUNCILS.forEach((other, i) => {
      if (other === council) {
        expect(byId.data[`p${i}`]).toEqual({ id: paymentOf.get(other) });
        // Their own citizen, but no consent: no attributes.
        expect(byId.data[`a${i}`]).toEqual({ id: citizenOf.get(other), verifiedAttributes: [] });
      } else {
        expect(byId.data[`p${i}`]).toBeNull();
        expect(byId.data[`a${i}`]).toBeNull();
      }
    });
    expect(codes(byId)).toEqual(Array(62).fill('FORBIDDEN'));

    // Through entity references crafted by hand and sent straight to the subgraphs.
    const others = COUNCILS.filter((other) => other !== council);
    const crafted = async (subgraph: keyof TestGraph['subgraphs'], typename: string, ids: string[], selection: string) => {
      const response = await fetch(graph.subgraphs[subgraph].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
          variables: { r: ids.map((id) => ({ __typename: typename, id })) },
        }),
      });
      return (await response.json()) as any;
    };
    const payments = await crafted('payments', 'Organisation', others, 'payments(first: 1) { nodes { id } } paymentTotals { amount }');
    expect(payments.data._entities.every((e: any) => e.payments === null && e.paymentTotals === null)).toBe(true);
    expect(codes(payments)).toEqual(Array(62).fill('FORBIDDEN'));
    const learners = await crafted('learning', 'Organisation', others, 'learners(first: 1) { nodes { statements } }');
    expect(codes(learners)).toEqual(Array(31).fill('FORBIDDEN'));
    const integrations = await crafted('organisations', 'Organisation', others, 'integrations { id }');
    expect(codes(integrations)).toEqual(Array(31).fill('FORBIDDEN'));
    const accounts = await crafted(
      'identity',
      'Account',
      others.map((other) => citizenOf.get(other)!),
      'verifiedAttributes { value }',
    );
    expect(accounts.data._entities).toEqual(Array(31).fill(null));
    expect(codes(accounts)).toEqual(Array(31).fill('FORBIDDEN'));
  });

  it('does not expose _entities through the gateway', async () => {
    const body = (await graph.post({ query: '{ _entities(representations: []) { __typename } }' }, staffTokens.get(EDINBURGH))).body;
    expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('citizens', () => {
  const alice = seedSerialId('account', 40);
  const bob = seedSerialId('account', 41);

  it("see their own account, payments and learning, and no one else's by any path", async () => {
    const token = await graph.token({ role: 'citizen', sub: alice });
    const own = (
      await graph.post({ query: '{ me { id verifiedAttributes { kind } payments { nodes { id account { id } } } } accounts { nodes { id } } }' }, token)
    ).body;
    expect(own.errors).toBeUndefined();
    expect(own.data.me.id).toBe(alice);
    expect(own.data.me.verifiedAttributes.length).toBeGreaterThanOrEqual(3);
    expect(own.data.accounts.nodes).toEqual([{ id: alice }]);
    for (const payment of own.data.me.payments.nodes) expect(payment.account.id).toBe(alice);

    const [bobsPayment] = await graph.sql('SELECT id FROM payments.payment WHERE account_id = $1 LIMIT 1', [bob]);
    const theirs = (
      await graph.post(
        {
          query: `{ account(id: "${bob}") { id } payment(id: "${bobsPayment.id}") { id } organisation(id: "${EDINBURGH}") { payments { nodes { id } } } }`,
        },
        token,
      )
    ).body;
    expect(theirs.data).toEqual({ account: null, payment: null, organisation: { payments: null } });
    expect(codes(theirs)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);

    const crafted = await fetch(graph.subgraphs.payments.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { payments { nodes { id } } } } }`,
        variables: { r: [{ __typename: 'Account', id: bob }] },
      }),
    });
    const craftedBody = (await crafted.json()) as any;
    expect(craftedBody.data._entities).toEqual([{ payments: null }]);
    expect(codes(craftedBody)).toEqual(['FORBIDDEN']);
  });

  it('may not change anything that belongs to staff', async () => {
    const token = await graph.token({ role: 'citizen', sub: alice });
    const body = (
      await graph.post(
        {
          query: `mutation { checkPayee(input: { organisationId: "${EDINBURGH}", name: "A", sortCode: "830101", accountNumber: "10000001", accountType: PERSONAL }) { id } }`,
        },
        token,
      )
    ).body;
    expect(codes(body)).toEqual(['FORBIDDEN']);
  });
});

describe('consent (Mysafe)', () => {
  const citizen = seedSerialId('account', 77);
  const ATTRIBUTES = `query($id: ID!) { account(id: $id) { verifiedAttributes { kind value } } }`;

  it('shows staff exactly the consented attributes, records each read, and stops the moment consent is withdrawn', async () => {
    const citizenToken = await graph.token({ role: 'citizen', sub: citizen });
    const staff = await graph.token({ role: 'staff', sub: 'disclosure-caseworker-7', org: DISCLOSURE });
    const read = async () => (await graph.post({ query: ATTRIBUTES, variables: { id: citizen } }, staff)).body;

    // No consent and never used Disclosure Scotland: the account itself is hidden.
    expect(codes(await read())).toEqual(['FORBIDDEN']);

    const granted = (
      await graph.post(
        {
          query: `mutation($org: ID!) { grantConsent(input: { organisationId: $org, attributes: [GIVEN_NAME, DATE_OF_BIRTH], purpose: "Basic disclosure application" }) { id active } }`,
          variables: { org: DISCLOSURE },
        },
        citizenToken,
      )
    ).body.data.grantConsent;
    expect(granted.active).toBe(true);

    const visible = (await read()).data.account.verifiedAttributes;
    expect(visible.map((a: any) => a.kind)).toEqual(['DATE_OF_BIRTH', 'GIVEN_NAME']);

    // Tell us once: the citizen changes their given name; the organisation sees the new value.
    await graph.post({ query: 'mutation { updateVerifiedAttribute(input: { kind: GIVEN_NAME, value: "Catrìona" }) { value source level } }' }, citizenToken);
    expect((await read()).data.account.verifiedAttributes.find((a: any) => a.kind === 'GIVEN_NAME').value).toBe('Catrìona');

    const accesses = (await graph.post({ query: '{ me { attributeAccesses { accessedBy consentId attributes } } }' }, citizenToken)).body.data.me
      .attributeAccesses;
    expect(accesses).toHaveLength(2);
    expect(accesses[0]).toEqual({
      accessedBy: 'disclosure-caseworker-7',
      consentId: granted.id,
      attributes: expect.arrayContaining(['GIVEN_NAME', 'DATE_OF_BIRTH']),
    });

    const withdrawn = (
      await graph.post({ query: `mutation($id: ID!) { withdrawConsent(id: $id) { id active withdrawnAt } }`, variables: { id: granted.id } }, citizenToken)
    ).body;
    expect(withdrawn.data.withdrawConsent).toEqual({ id: granted.id, active: false, withdrawnAt: expect.any(String) });
    expect(codes(await read())).toEqual(['FORBIDDEN']);
  });

  it('tells staff why they see the attributes they see: no consent, consented kinds, withdrawn', async () => {
    const [{ account }] = await graph.sql(
      `SELECT u.account_id AS account FROM identity.organisation_use u
        WHERE u.organisation_id = $1 AND NOT EXISTS (SELECT 1 FROM identity.consent c WHERE c.account_id = u.account_id AND c.organisation_id = $1)
        ORDER BY u.account_id LIMIT 1`,
      [EDINBURGH],
    );
    const citizenToken = await graph.token({ role: 'citizen', sub: account });
    const staff = staffTokens.get(EDINBURGH)!;
    const QUERY = `query($id: ID!) { account(id: $id) { verifiedAttributes { kind } attributesVisibleToYou { reason kinds } } }`;
    const read = async (token: string) => (await graph.post({ query: QUERY, variables: { id: account } }, token)).body.data.account;

    expect(await read(staff)).toEqual({ verifiedAttributes: [], attributesVisibleToYou: { reason: 'NO_CONSENT', kinds: [] } });
    const own = await read(citizenToken);
    expect(own.attributesVisibleToYou).toEqual({ reason: 'OWN_ACCOUNT', kinds: ['GIVEN_NAME', 'FAMILY_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'EMAIL', 'PHONE'] });
    expect(own.verifiedAttributes.length).toBeGreaterThan(0);

    const granted = (
      await graph.post(
        {
          query: `mutation($org: ID!) { grantConsent(input: { organisationId: $org, attributes: [EMAIL, FAMILY_NAME], purpose: "Council tax reminders" }) { id } }`,
          variables: { org: EDINBURGH },
        },
        citizenToken,
      )
    ).body.data.grantConsent;
    const consented = await read(staff);
    expect(consented.attributesVisibleToYou).toEqual({ reason: 'CONSENTED', kinds: ['FAMILY_NAME', 'EMAIL'] });
    expect(consented.verifiedAttributes.every((a: any) => ['FAMILY_NAME', 'EMAIL'].includes(a.kind))).toBe(true);

    await graph.post({ query: `mutation($id: ID!) { withdrawConsent(id: $id) { id } }`, variables: { id: granted.id } }, citizenToken);
    // The account used Edinburgh's services, so staff still see it, but none of its attributes.
    expect(await read(staff)).toEqual({ verifiedAttributes: [], attributesVisibleToYou: { reason: 'CONSENT_WITHDRAWN', kinds: [] } });
  });

  it("lists an organisation's learners with one summarised error for the accounts its staff may not see", async () => {
    const staff = staffTokens.get(EDINBURGH)!;
    const { body } = await graph.post(
      {
        query: `query($id: ID!) { organisation(id: $id) { learners(first: 50) { nodes { statements account { id assuranceLevel } } } } }`,
        variables: { id: EDINBURGH },
      },
      staff,
    );
    const nodes = body.data.organisation.learners.nodes;
    const hidden = nodes.flatMap((node: any, i: number) => (node.account === null ? [['organisation', 'learners', 'nodes', i, 'account']] : []));
    expect(hidden.length).toBeGreaterThan(1);
    expect(nodes.every((node: any) => node.statements > 0)).toBe(true);
    expect(body.errors).toEqual([
      expect.objectContaining({ path: hidden[0], extensions: expect.objectContaining({ code: 'FORBIDDEN', count: hidden.length, paths: hidden }) }),
    ]);
    // Only the id: learning answers it alone, and nothing is refused.
    const ids = await graph.post(
      { query: `query($id: ID!) { organisation(id: $id) { learners(first: 50) { nodes { account { id } } } } }`, variables: { id: EDINBURGH } },
      staff,
    );
    expect(ids.body.errors).toBeUndefined();
  });

  it('lets only the citizen withdraw their consent', async () => {
    const [consent] = await graph.sql(`SELECT id FROM identity.consent WHERE account_id <> $1 AND withdrawn_at IS NULL LIMIT 1`, [citizen]);
    const other = await graph.token({ role: 'citizen', sub: citizen });
    expect(codes((await graph.post({ query: `mutation($id: ID!) { withdrawConsent(id: $id) { id } }`, variables: { id: consent.id } }, other)).body)).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('vouching', () => {
  it('records a vouch and lifts the assurance level by one, up to MEDIUM', async () => {
    const [account] = await graph.sql(
      `SELECT a.id FROM identity.account a JOIN identity.organisation_use u ON u.account_id = a.id AND u.organisation_id = $1 WHERE a.assurance_level = 'NONE' LIMIT 1`,
      [EDINBURGH],
    );
    const staff = staffTokens.get(EDINBURGH)!;
    const vouch = async () =>
      (
        await graph.post(
          {
            query: `mutation($id: ID!) { recordVouch(input: { accountId: $id, voucherName: "Dr Morag Kerr", relationship: "GP", knownForYears: 12 }) { levelBefore levelAfter } }`,
            variables: { id: account.id },
          },
          staff,
        )
      ).body.data.recordVouch;
    expect(await vouch()).toEqual({ levelBefore: 'NONE', levelAfter: 'LOW' });
    expect(await vouch()).toEqual({ levelBefore: 'LOW', levelAfter: 'MEDIUM' });
    expect(await vouch()).toEqual({ levelBefore: 'MEDIUM', levelAfter: 'MEDIUM' });
    const glasgow = staffTokens.get(seedId('organisation', 'S12000049'))!;
    const refused = (
      await graph.post(
        {
          query: `mutation($id: ID!) { recordVouch(input: { accountId: $id, voucherName: "X", relationship: "GP", knownForYears: 3 }) { id } }`,
          variables: { id: account.id },
        },
        glasgow,
      )
    ).body;
    expect(codes(refused)).toEqual(['FORBIDDEN']);
  });
});

describe('analysts', () => {
  it('see aggregates with small counts suppressed, and no personal data', async () => {
    const analyst = await graph.token({ role: 'analyst', sub: 'analyst-1' });
    const body = (
      await graph.post(
        {
          query:
            '{ byTheme: learningAggregates(groupBy: THEME) { theme learners completions suppressed } byOrganisation: learningAggregates(groupBy: ORGANISATION) { organisation { name } learners completions suppressed } }',
        },
        analyst,
      )
    ).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.byTheme.length).toBeGreaterThan(5);
    const counts = [...body.data.byTheme, ...body.data.byOrganisation].flatMap((row: any) => [row.learners, row.completions]);
    // No count from 1 to 9 is ever shown; some are suppressed.
    expect(counts.filter((count: number | null) => count !== null && count > 0 && count < 10)).toEqual([]);
    expect(body.data.byOrganisation.some((row: any) => row.suppressed && row.learners === null)).toBe(true);
    expect(body.data.byTheme.every((row: any) => row.learners >= 10)).toBe(true);

    const personal = (
      await graph.post(
        { query: `{ accounts { nodes { id } } organisation(id: "${EDINBURGH}") { payments { nodes { id } } learners { nodes { statements } } } }` },
        analyst,
      )
    ).body;
    expect(codes(personal)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });
});
