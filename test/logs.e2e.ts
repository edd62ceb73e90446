import { Writable } from 'node:stream';
import { createLogger } from '../platform/logger';
import { seedId, seedSerialId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

/**
 * Runs a whole-stack session at debug level with every log line captured,
 * then looks for what must never be logged: tokens and personal data.
 */
describe('logs', () => {
  let graph: TestGraph;
  const lines: string[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    const capture = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    graph = await startTestGraph('default', { LOG_LEVEL: 'debug' }, createLogger({ level: 'debug', name: 'logs-test', destination: capture }));
    const citizen = seedSerialId('account', 12);
    const citizenToken = await graph.token({ role: 'citizen', sub: citizen });
    const disclosure = seedId('organisation', 'disclosure-scotland');
    const staffToken = await graph.token({ role: 'staff', sub: 'caseworker', org: disclosure });
    secrets.push(citizenToken, staffToken);

    const mine = (await graph.post({ operationName: 'Mine', query: 'query Mine { me { verifiedAttributes { kind value } } }' }, citizenToken)).body;
    const values: string[] = mine.data.me.verifiedAttributes.map((a: any) => a.value);
    secrets.push(...values);
    await graph.post(
      {
        query: `mutation($org: ID!) { grantConsent(input: { organisationId: $org, attributes: [GIVEN_NAME, FAMILY_NAME, DATE_OF_BIRTH], purpose: "Disclosure" }) { id } }`,
        variables: { org: disclosure },
      },
      citizenToken,
    );
    const seen = (
      await graph.post({ query: `query Read($id: ID!) { account(id: $id) { verifiedAttributes { value } } }`, variables: { id: citizen } }, staffToken)
    ).body;
    expect(seen.data.account.verifiedAttributes.length).toBe(3);
    // Personal data in variables, and two refused tokens.
    await graph.post(
      { query: 'mutation($v: String!) { updateVerifiedAttribute(input: { kind: FAMILY_NAME, value: $v }) { value } }', variables: { v: 'Drummond-Stirling' } },
      citizenToken,
    );
    secrets.push('Drummond-Stirling');
    await graph.post({ query: '{ me { id } }' }, `${citizenToken.slice(0, -4)}AAAA`);
    await graph.post({ query: '{ me { id } }' }, 'not-a-token');
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('logged every request, with a request id and no variables', () => {
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    // Six requests to the gateway, four of which reached the identity subgraph.
    expect(requests.length).toBe(10);
    expect(requests.every((entry) => typeof entry.requestId === 'string' && typeof entry.status === 'number')).toBe(true);
    expect(requests.some((entry) => entry.operationName === 'Mine' && entry.role === 'citizen')).toBe(true);
    expect(lines.some((line) => line.includes('token refused'))).toBe(true);
  });

  it('holds no token, name, date of birth or other attribute value', () => {
    const log = lines.join('');
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) expect({ secret, found: lines.filter((line) => line.includes(secret)) }).toEqual({ secret, found: [] });
    expect(log).not.toMatch(/Bearer [A-Za-z0-9_-]+\./);
    // No logged value is a bare date, as a date of birth would be.
    expect(log).not.toMatch(/":"(19|20)\d\d-\d\d-\d\d"/);
  });
});
