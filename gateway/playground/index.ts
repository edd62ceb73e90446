import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { ErrorCode } from '../../platform/errors';
import { sendError } from '../../platform/http/respond';
import type { ExtraRoutes } from '../../platform/http/server';
import { projectRoot } from '../../platform/project-root';

/** Where `npm run build:playground` puts the bundle. */
export const PLAYGROUND_DIST = path.join(projectRoot(), 'gateway', 'playground', 'dist');

/** One shared example operation: a file `operations/playground/<n>-<audience>/<n>-<name>.graphql`, its leading comment the description. */
/** Sign-in through the graph's OpenID Connect issuer (authorisation code with PKCE), for a public client registered there. */
export interface PlaygroundSignIn {
  issuer: string;
  clientId: string;
  /** @default "openid" */
  scope: string;
}

export interface PlaygroundExample {
  audience: string;
  name: string;
  description: string;
  query: string;
}

const ASSETS: Record<string, string> = {
  'playground.js': 'text/javascript; charset=utf-8',
  'playground.css': 'text/css; charset=utf-8',
};

// GraphiQL's editors set inline styles; everything else comes from this origin only.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const ORDER_PREFIX = /^\d+-/;

/**
 * The shared collections: one folder per audience (`1-public`, `2-analyst`,
 * `3-council-staff`), one operation per file, both in name order. The
 * playground opens each as a tab and lists them by audience in "Examples".
 */
export function loadExamples(dir: string): PlaygroundExample[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((folder) =>
      readdirSync(path.join(dir, folder))
        .filter((file) => file.endsWith('.graphql'))
        .sort()
        .map((file) => {
          // Example values are the variables' defaults in the operation itself, so each runs as it opens.
          const query = readFileSync(path.join(dir, folder, file), 'utf8');
          const comment = query.split('\n').filter((line) => line.startsWith('#'));
          return {
            audience: folder.replace(ORDER_PREFIX, '').replace(/-/g, ' '),
            name: /^\s*(?:query|mutation|subscription)\s+(\w+)/m.exec(query)?.[1] ?? file.replace(ORDER_PREFIX, '').replace(/\.graphql$/, ''),
            description: comment.map((line) => line.replace(/^#\s?/, '')).join(' '),
            query,
          };
        }),
    );
}

// The config sits in a JSON script element; escaping "<" keeps a query containing "</script>" from ending it.
function page(examples: PlaygroundExample[], signIn: PlaygroundSignIn | null): string {
  const config = JSON.stringify({ endpoint: '/graphql', examples, signIn }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scotland common-platforms graph: playground</title>
<link rel="stylesheet" href="/playground/playground.css">
<style>html, body, #playground { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="playground"></div>
<script type="application/json" id="playground-config">${config}</script>
<script src="/playground/playground.js"></script>
</body>
</html>
`;
}

/**
 * A browser asking for the page at `/`: GraphQL GETs to `/` carry `query` or
 * `extensions` and ask for JSON. Other parameters are the page's own (an
 * issuer sends the browser back with `code` and `state`).
 */
function wantsPlaygroundPage(req: IncomingMessage, url: URL): boolean {
  return url.pathname === '/' && !url.searchParams.has('query') && !url.searchParams.has('extensions') && (req.headers.accept ?? '').includes('text/html');
}

/**
 * Serves GraphiQL from the gateway: the page at `/` for a browser's GET (an
 * `Accept` with text/html; GraphQL GETs to `/` still work) and the bundle
 * under `/playground/`. Files are read once, at start.
 */
export function playgroundRoutes(examples: PlaygroundExample[], signIn: PlaygroundSignIn | null = null): ExtraRoutes {
  const assets = new Map<string, { type: string; body: Buffer }>();
  for (const [file, type] of Object.entries(ASSETS)) {
    const full = path.join(PLAYGROUND_DIST, file);
    if (!existsSync(full)) throw new Error(`The playground is not built (${full} is missing): run \`npm run build:playground\`, or set PLAYGROUND=off.`);
    assets.set(`/playground/${file}`, { type, body: readFileSync(full) });
  }
  const html = page(examples, signIn);
  // The browser fetches the issuer's discovery document and exchanges the code at its token endpoint, which must share the issuer's origin.
  const policy = signIn
    ? CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${new URL(signIn.issuer).origin}`)
    : CONTENT_SECURITY_POLICY;
  return (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const asset = assets.get(url.pathname);
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : asset.body);
      return true;
    }
    if (!wantsPlaygroundPage(req, url)) return false;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  };
}

/** With the playground off, a browser at `/` learns why instead of getting Apollo's "GET query missing". */
export const playgroundSwitchedOff: ExtraRoutes = (req, res, url) => {
  const forPlayground = url.pathname.startsWith('/playground/') || wantsPlaygroundPage(req, url);
  if (req.method !== 'GET' || !forPlayground) return false;
  sendError(res, 404, ErrorCode.NOT_FOUND, 'The playground is switched off on this gateway (PLAYGROUND=off); send GraphQL requests to /graphql.');
  return true;
};
