/**
 * "Sign in" through the graph's OpenID Connect issuer: the authorisation code
 * flow with PKCE (RFC 7636) for a public client, entirely in the browser. The
 * verifier and state wait in sessionStorage during the round trip to the
 * issuer; the access token it returns is kept like a pasted one (./session).
 */
import { signIn } from './session';

export interface SignInConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

const PENDING = 'scotland-graph.playground.oidc';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function random(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The issuer's discovery document answered HTTP ${response.status}.`);
  return (await response.json()) as Discovery;
}

/** The page itself, without the code and state the issuer adds: where the issuer sends the browser back. */
function redirectUri(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

/** Leaves for the issuer's sign-in page. */
export async function startSignIn(config: SignInConfig): Promise<void> {
  const { authorization_endpoint: endpoint } = await discover(config.issuer);
  const verifier = random();
  const state = random();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/**
 * On the way back from the issuer: checks the state, exchanges the code for
 * tokens, keeps the access token, and takes the code out of the address bar.
 * Returns an error message for the page to show, or null.
 */
export async function finishSignIn(config: SignInConfig): Promise<string | null> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return null;
  window.history.replaceState(null, '', redirectUri());
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  if (error) return `Sign-in was not completed: ${params.get('error_description') ?? error}.`;
  if (!pending || pending.state !== params.get('state')) return 'Sign-in was not completed: the answer did not match the request (state). Try again.';
  const { token_endpoint: endpoint } = await discover(config.issuer);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !tokens.access_token) return `Sign-in failed: ${tokens.error_description ?? tokens.error ?? `HTTP ${response.status}`}.`;
  signIn(tokens.access_token);
  return null;
}
