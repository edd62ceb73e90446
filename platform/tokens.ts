import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  SignJWT,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
} from 'jose';
import { isUuid } from './ids';

/** The roles of DOMAIN.md's "Who uses the graph". */
export const ROLES = ['citizen', 'staff', 'analyst', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, as proven by a verified token (or nobody). */
export interface Viewer {
  role: Role | null;
  /** The token's `sub`: for a citizen, their account id. */
  subject: string | null;
  /** Staff and partners: the organisation they act for. */
  organisationId: string | null;
}

export const ANONYMOUS: Viewer = { role: null, subject: null, organisationId: null };

export interface AuthConfig {
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Where the issuer's public keys are: a JWKS URL, a JWKS file, or (null) the issuer's OpenID discovery document. */
  jwksUrl: string | null;
  jwksFile: string | null;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

/** The graph's own claims, on top of iss/aud/exp/sub. */
export interface GraphClaims extends JWTPayload {
  role?: string;
  org?: string;
}

function viewerOf(claims: GraphClaims): Viewer {
  const role = claims.role as Role;
  if (!ROLES.includes(role)) throw new TokenError('the token names no known role');
  if (!claims.sub) throw new TokenError('the token has no subject');
  if (role === 'citizen' && !isUuid(claims.sub)) throw new TokenError("a citizen token's subject must be the account id");
  const organisationId = claims.org ?? null;
  if ((role === 'staff' || role === 'partner') && !(organisationId && isUuid(organisationId))) {
    throw new TokenError('a staff or partner token must name its organisation (`org`)');
  }
  return { role, subject: claims.sub.toLowerCase(), organisationId: role === 'staff' || role === 'partner' ? organisationId!.toLowerCase() : null };
}

async function discoverJwksUrl(issuer: string): Promise<URL> {
  const response = await fetch(new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`));
  if (!response.ok) throw new Error(`OpenID discovery at ${issuer} answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: string; issuer?: string };
  if (!document.jwks_uri) throw new Error(`OpenID discovery at ${issuer} names no jwks_uri`);
  return new URL(document.jwks_uri);
}

export interface TokenVerifier {
  /** The viewer behind an Authorization header; anonymous without one; TokenError for a bad one. */
  verify(authorization: string | undefined): Promise<Viewer>;
}

/**
 * Verifies OpenID Connect bearer tokens: signature against the issuer's keys,
 * issuer, audience, expiry and an allow-list of asymmetric algorithms (so
 * `alg: none` and HS256-signed-with-the-public-key tokens are refused).
 */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  let keys: Promise<JWTVerifyGetKey> | null = null;
  const keySet = () => {
    keys ??= (async () => {
      if (config.jwksFile) return createLocalJWKSet(JSON.parse(readFileSync(config.jwksFile, 'utf8')));
      return createRemoteJWKSet(config.jwksUrl ? new URL(config.jwksUrl) : await discoverJwksUrl(config.issuer), { timeoutDuration: 5_000 });
    })().catch((error: unknown) => {
      keys = null;
      throw error;
    });
    return keys;
  };
  // Tokens already verified, so one request's token is checked once per process, not once per subgraph call.
  const verified = new Map<string, { viewer: Viewer; until: number }>();
  return {
    async verify(authorization) {
      if (authorization === undefined || authorization === '') return ANONYMOUS;
      const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization);
      if (!match) throw new TokenError('the Authorization header must be "Bearer <token>"');
      const known = verified.get(match[1]);
      if (known && known.until > Date.now()) return known.viewer;
      try {
        const { payload } = await jwtVerify<GraphClaims>(match[1], await keySet(), {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: config.algorithms,
          requiredClaims: ['exp', 'sub'],
        });
        const viewer = viewerOf(payload);
        // Kept until the token expires or for a minute, whichever is sooner: a key withdrawn from the issuer's set stops
        // new tokens at once and already-seen ones within a minute. The oldest entries go first beyond 10,000.
        verified.set(match[1], { viewer, until: Math.min(payload.exp! * 1000, Date.now() + 60_000) });
        if (verified.size > 10_000) verified.delete(verified.keys().next().value!);
        return viewer;
      } catch (error) {
        if (error instanceof TokenError) throw error;
        if (error instanceof joseErrors.JOSEError) throw new TokenError(describeJoseError(error));
        throw error;
      }
    },
  };
}

function describeJoseError(error: InstanceType<typeof joseErrors.JOSEError>): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "the token's signing algorithm is not accepted";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'the token was signed by an unknown key';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  return 'the token is not valid';
}

/** A signing key of the project's own, for the embedded default: made on first start, kept under the data folder. */
export interface LocalIssuer {
  jwksFile: string;
  /** `expiresIn`: a span such as "8h", or the expiry as seconds since the epoch. */
  sign(claims: GraphClaims, options?: { expiresIn?: string | number }): Promise<string>;
}

export async function localIssuer(dataDir: string, issuer: string, audience: string): Promise<LocalIssuer> {
  const dir = path.join(dataDir, 'keys');
  const privateFile = path.join(dir, 'signing-key.jwk.json');
  const jwksFile = path.join(dir, 'jwks.json');
  if (!existsSync(privateFile)) {
    // Only the keys folder is private: a data folder made private here would keep the embedded Postgres (run as its own OS user) out.
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `local-${Date.now().toString(36)}`;
    writeFileSync(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }), { mode: 0o600 });
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }));
  }
  const jwk = JSON.parse(readFileSync(privateFile, 'utf8')) as JWK;
  const key = await importJWK(jwk, 'ES256');
  return {
    jwksFile,
    sign: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '8h')
        .sign(key),
  };
}

/**
 * The verifier a graph process uses: the configured issuer's keys, or in
 * development (no key source configured) the graph's own key under dataDir.
 */
export async function verifierFor(auth: AuthConfig & { local: boolean }, dataDir: string): Promise<TokenVerifier> {
  if (!auth.local) return createTokenVerifier(auth);
  const issuer = await localIssuer(dataDir, auth.issuer, auth.audience);
  return createTokenVerifier({ ...auth, jwksFile: issuer.jwksFile });
}
