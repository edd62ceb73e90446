/**
 * Who is signed in. The token lives in sessionStorage: it goes when the tab
 * closes, and is sent only in the Authorization header (never a cookie), so
 * other sites cannot make the browser send it.
 *
 * This example signs in with a pasted development token (`npm run token --
 * --role citizen --account 12` at the repository root, or one a test mints
 * with the graph's own issuer). A real front end replaces `pasteToken` with
 * an OpenID Connect sign-in against the issuer the gateway trusts
 * (AUTH_ISSUER, e.g. ScotAccount): authorization code flow with PKCE,
 * redirecting back to this page, then storing the access token the same way
 * (see `startOidcSignIn` below and the README beside this folder).
 */

const KEY = 'council-frontend.token';

export interface Claims {
  sub: string;
  role: 'citizen' | 'staff' | 'partner' | 'analyst' | 'admin' | string;
  /** For staff and partners: their organisation's id. */
  org?: string;
  exp?: number;
}

/**
 * The claims in a token, for choosing what to show. Decoded, not verified:
 * the gateway and every subgraph verify the signature, and they decide what
 * this user may see whatever the page believes.
 */
export function claimsOf(token: string): Claims | null {
  const [, payload] = token.split('.');
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as Partial<Claims>;
    return typeof claims.sub === 'string' && typeof claims.role === 'string' ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

/** The token to send, or null when signed out or when it has expired (the graph would answer 401). */
export function currentToken(): string | null {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  const claims = claimsOf(token);
  if (!claims || (claims.exp !== undefined && claims.exp * 1000 <= Date.now())) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return token;
}

export function currentClaims(): Claims | null {
  const token = currentToken();
  return token ? claimsOf(token) : null;
}

/** Development sign-in: keeps a pasted token. Returns an explanation when it is not one. */
export function pasteToken(token: string): string | null {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  const claims = claimsOf(trimmed);
  if (!claims) return 'That is not a token: paste the whole JWT (three parts separated by dots).';
  if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) return 'That token has expired: mint a new one.';
  sessionStorage.setItem(KEY, trimmed);
  return null;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/**
 * Where real sign-in goes. With an OIDC client library (e.g. oidc-client-ts):
 * discover AUTH_ISSUER's configuration, redirect to its authorization
 * endpoint with PKCE, exchange the code on return, and keep the access token
 * as `pasteToken` does. Not wired in this example, which has no issuer of
 * its own to redirect to.
 */
export function startOidcSignIn(): never {
  throw new Error('OpenID Connect sign-in is not configured in this example: paste a development token instead.');
}
