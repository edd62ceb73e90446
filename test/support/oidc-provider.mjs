// A real OpenID Connect provider (panva's oidc-provider, certified) for the playground's sign-in test, in its own
// process because the package is ESM-only and jest runs CommonJS. Argument: the playground's address (the client's
// redirect URI). Prints the issuer URL on its first line. Every account it signs in is an analyst.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';
import Provider from 'oidc-provider';

const redirectUri = process.argv[2];
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'playground',
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'ES256',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'ES256', use: 'sig' }] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // A resource indicator is an absolute URI; the tokens' audience is the graph's AUTH_AUDIENCE.
      defaultResource: () => 'urn:scotland-graph',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'openid', audience: 'scotland-graph', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } }),
    },
  },
  extraTokenClaims: () => ({ role: 'analyst' }),
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  clientBasedCORS: () => true,
  loadExistingGrant: async (ctx) => {
    // Consent is implied for this one first-party client, so the flow is the sign-in form alone.
    const grant = new provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid');
    grant.addResourceScope('urn:scotland-graph', 'openid');
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(`${issuer}\n`);
