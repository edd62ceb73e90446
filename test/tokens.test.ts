import { mkdtempSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { TokenError, createTokenVerifier } from '../platform/tokens';

/** A real OpenID provider's two documents, served over HTTP on port 0. */
let server: Server;
let issuer: string;
let jwks: { keys: object[] };
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let discoveryRequests = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] };
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      discoveryRequests += 1;
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') res.end(JSON.stringify(jwks));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
    .setIssuer(issuer)
    .setAudience('scotland-graph')
    .setExpirationTime('5m')
    .sign(privateKey);

const base = () => ({ issuer, audience: 'scotland-graph', algorithms: ['RS256', 'ES256'] });
const ORG = '3f1c0e0a-0000-4000-8000-000000000001';

describe('token verification against an OpenID Connect provider', () => {
  it('finds the keys by OpenID discovery from the issuer URL', async () => {
    const verifier = createTokenVerifier({ ...base(), jwksUrl: null, jwksFile: null });
    expect(await verifier.verify(`Bearer ${await sign({ sub: 'officer-1', role: 'staff', org: ORG })}`)).toEqual({
      role: 'staff',
      subject: 'officer-1',
      organisationId: ORG,
    });
    expect(discoveryRequests).toBe(1);
  });

  it('uses a JWKS URL or a JWKS file when given one', async () => {
    const token = `Bearer ${await sign({ sub: 'analyst-1', role: 'analyst' })}`;
    const fromUrl = createTokenVerifier({ ...base(), jwksUrl: `${issuer}/jwks`, jwksFile: null });
    expect((await fromUrl.verify(token)).role).toBe('analyst');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cpg-jwks-')), 'jwks.json');
    writeFileSync(file, JSON.stringify(jwks));
    const fromFile = createTokenVerifier({ ...base(), jwksUrl: null, jwksFile: file });
    expect((await fromFile.verify(token)).role).toBe('analyst');
  });

  it('treats no header as anonymous and refuses an algorithm outside the allow-list', async () => {
    const verifier = createTokenVerifier({ ...base(), algorithms: ['ES256'], jwksUrl: `${issuer}/jwks`, jwksFile: null });
    expect(await verifier.verify(undefined)).toEqual({ role: null, subject: null, organisationId: null });
    await expect(verifier.verify(`Bearer ${await sign({ sub: 'x', role: 'admin' })}`)).rejects.toEqual(
      new TokenError("the token's signing algorithm is not accepted"),
    );
  });

  it('checks a token once per process, and not past its expiry', async () => {
    const verifier = createTokenVerifier({ ...base(), jwksUrl: `${issuer}/jwks`, jwksFile: null });
    const token = await new SignJWT({ sub: 'analyst-1', role: 'analyst' })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setIssuer(issuer)
      .setAudience('scotland-graph')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(privateKey);
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ role: 'analyst', subject: 'analyst-1', organisationId: null });
    // Same token again: the answer comes from what was verified, with no new key lookup or signature check needed.
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ role: 'analyst', subject: 'analyst-1', organisationId: null });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toBeInstanceOf(TokenError);
  });
});
