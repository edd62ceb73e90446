import { ConfigError, loadConfig } from '../runtime/config';

describe('loadConfig', () => {
  it('has working defaults for a developer machine', () => {
    const config = loadConfig({});
    expect(config.environment).toBe('development');
    expect(config.gateway.port).toBe(4000);
    expect(config.subgraphs.payments).toEqual({ port: 4003, url: null, databaseUrl: null });
    expect(config.database.adminUrl).toBeNull();
    expect(config.seed).toBe('default');
    expect(config.embeddedPostgres.dataDir).toMatch(/\.data$/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535; it is "eighty".'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535; it is "70000".'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL must be a postgres:// URL.'],
    [{ PAYMENTS_URL: 'ftp://x' }, 'PAYMENTS_URL must be an http(s) URL; it is "ftp://x".'],
    [{ SEED: 'huge' }, 'SEED must be one of none, default, full; it is "huge".'],
    [{ DATABASE_ROLE_PREFIX: 'Bad-Prefix' }, 'DATABASE_ROLE_PREFIX must be lower-case letters, digits and underscores, starting with a letter.'],
    [{ PLAYGROUND: 'maybe' }, 'PLAYGROUND must be on or off; it is "maybe".'],
    [
      { CORS_ORIGINS: 'https://a.gov.uk/path' },
      'CORS_ORIGINS: "https://a.gov.uk/path" must be a bare origin (scheme, host and port), i.e. "https://a.gov.uk".',
    ],
    [{ CORS_ORIGINS: 'edinburgh' }, 'CORS_ORIGINS: "edinburgh" is not an origin such as https://www.edinburgh.gov.uk.'],
    [{ REDIS_URL: 'http://redis' }, 'REDIS_URL must be a redis:// or rediss:// URL.'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE must be a whole number from 0 to 10000000; it is "-1".'],
    [{ QUERY_MAX_DEPTH: '0' }, 'QUERY_MAX_DEPTH must be a whole number from 1 to 100; it is "0".'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY: "10.0.0.0/33" is not an address or CIDR range such as 10.0.0.0/8; give off, a number of hops, or ranges.'],
    [{ TRUST_PROXY: 'loadbalancer' }, 'TRUST_PROXY: "loadbalancer" is not an address or CIDR range such as 10.0.0.0/8; give off, a number of hops, or ranges.'],
    [{ TRUST_PROXY_HEADER: 'x-real-ip' }, 'TRUST_PROXY_HEADER must be one of x-forwarded-for, forwarded; it is "x-real-ip".'],
    [
      { RATE_LIMIT_CLIENTS: 'disclosure-scotland:3000' },
      'RATE_LIMIT_CLIENTS: "disclosure-scotland:3000" is not <client>=<units a minute>, e.g. disclosure-scotland=3000 or analyst:jo@gov.scot=1200.',
    ],
    [{ RATE_LIMIT_FALLBACK_PERCENT: '0' }, 'RATE_LIMIT_FALLBACK_PERCENT must be a whole number from 1 to 100; it is "0".'],
    [{ NODE_ENV: 'production' }, 'In production set DATABASE_URL or every <SUBGRAPH>_DATABASE_URL: the embedded Postgres is for development.'],
  ])('fails fast on %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('switches the playground, introspection and field suggestions off in production unless asked', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', AUTH_ISSUER: 'https://signin.example.gov.scot' };
    expect(loadConfig(production).gateway).toMatchObject({ playground: false, introspection: false, batchedRequests: false });
    expect(loadConfig({ ...production, PLAYGROUND: 'on' }).gateway.playground).toBe(true);
    expect(loadConfig({}).gateway).toMatchObject({ playground: true, introspection: true, rateLimitPerMinute: 600, corsOrigins: [] });
    expect(loadConfig({ CORS_ORIGINS: 'https://www.edinburgh.gov.uk, http://localhost:3000' }).gateway.corsOrigins).toEqual([
      'https://www.edinburgh.gov.uk',
      'http://localhost:3000',
    ]);
  });

  it('trusts no proxy unless told: a number of hops, or addresses and ranges', () => {
    expect(loadConfig({}).gateway).toMatchObject({ trustProxy: null, forwardedHeader: 'x-forwarded-for' });
    expect(loadConfig({ TRUST_PROXY: 'off' }).gateway.trustProxy).toBeNull();
    expect(loadConfig({ TRUST_PROXY: '1' }).gateway.trustProxy).toEqual({ hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10, fd00::/8' }).gateway.trustProxy).toEqual({
      ranges: ['10.0.0.0/8', '192.168.1.10', 'fd00::/8'],
    });
  });

  it('reads budgets of their own for some clients, and the cost of a unit', () => {
    expect(loadConfig({}).gateway).toMatchObject({ rateLimitClients: {}, rateLimitUnitCost: 100, rateLimitFallbackPercent: 100 });
    expect(loadConfig({ RATE_LIMIT_CLIENTS: 'disclosure-scotland=3000, analyst:jo@gov.scot=1200', RATE_LIMIT_UNIT_COST: '0' }).gateway).toMatchObject({
      rateLimitClients: { 'disclosure-scotland': 3000, 'analyst:jo@gov.scot': 1200 },
      rateLimitUnitCost: 0,
    });
  });

  it('reads per-subgraph URLs and ports', () => {
    const config = loadConfig({ IDENTITY_PORT: '0', IDENTITY_URL: 'http://identity:4002/graphql', IDENTITY_DATABASE_URL: 'postgres://u:p@h/db' });
    expect(config.subgraphs.identity).toEqual({ port: 0, url: 'http://identity:4002/graphql', databaseUrl: 'postgres://u:p@h/db' });
  });
});
