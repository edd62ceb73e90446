import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../runtime/config';
import { effectiveConfiguration, maskUrl, printConfiguration } from '../runtime/print-config';
import { editDistance, unknownVariables } from '../runtime/unknown-variables';
import { VARIABLES, concreteVariables } from '../runtime/variables';

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
    // Loopback origins on any port: allowed by default in development only, and never in production.
    expect(loadConfig({}).gateway.corsLoopbackOrigins).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).gateway.corsLoopbackOrigins).toBe(false);
    expect(loadConfig({ CORS_LOCALHOST: 'off' }).gateway.corsLoopbackOrigins).toBe(false);
    expect(loadConfig(production).gateway.corsLoopbackOrigins).toBe(false);
    expect(() => loadConfig({ ...production, CORS_LOCALHOST: 'on' })).toThrow(
      new ConfigError('CORS_LOCALHOST is for development: in production name the front ends in CORS_ORIGINS.'),
    );
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

/** Every variable the graph reads, as the environment spells it. */
const declared = new Set<string>(concreteVariables().map((variable) => variable.name));

describe('variables the graph does not read', () => {
  const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', AUTH_ISSUER: 'https://signin.example.gov.scot' };

  it.each([
    ['RATE_LIMIT', 'RATE_LIMIT_PER_MINUTE'],
    ['QUERY_MAX_DEPT', 'QUERY_MAX_DEPTH'],
    ['PLAYGRUND', 'PLAYGROUND'],
    ['PAYMENT_URL', 'PAYMENTS_URL'],
    ['AUTH_ISUER', 'AUTH_ISSUER'],
    ['IDENTITY_DB_URL', 'IDENTITY_URL'],
  ])('stop a production start when %s is set, naming %s', (name, closest) => {
    expect(() => loadConfig({ ...production, [name]: '5' })).toThrow(
      new ConfigError(
        `${name} is not a variable the graph reads: did you mean ${closest}? In production a variable the graph does not know stops the start: correct or remove it.`,
      ),
    );
  });

  it('are a warning outside production, and the default stands', () => {
    const config = loadConfig({ RATE_LIMIT: '5', QUERY_MAX_DEPT: '3' });
    expect(config.gateway.rateLimitPerMinute).toBe(600);
    expect(config.warnings).toEqual([
      'QUERY_MAX_DEPT is not a variable the graph reads: did you mean QUERY_MAX_DEPTH? It is ignored here; in production it stops the start.',
      'RATE_LIMIT is not a variable the graph reads: did you mean RATE_LIMIT_PER_MINUTE? It is ignored here; in production it stops the start.',
    ]);
    expect(loadConfig({}).warnings).toEqual([]);
  });

  it("leave other programs' variables alone", () => {
    const others = {
      PATH: '/usr/bin',
      HOME: '/home/node',
      HOSTNAME: 'gateway-7f9c',
      NODE_OPTIONS: '--enable-source-maps',
      NODE_VERSION: '20.19.0',
      OTEL_SERVICE_NAME: 'gateway',
      PROBE_PORT: '4000',
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      npm_config_cache: '/tmp',
    };
    expect(unknownVariables(others)).toEqual([]);
    expect(() => loadConfig({ ...production, ...others })).not.toThrow();
  });

  it('measure closeness in edits, a swap of neighbours being one', () => {
    expect(editDistance('QUERY_MAX_DEPTH', 'QUERY_MAX_DEPTH')).toBe(0);
    expect(editDistance('NODE_EVN', 'NODE_ENV')).toBe(1);
    expect(editDistance('HOME', 'HOST')).toBe(2);
  });
});

describe('the declaration of variables', () => {
  /** The names a run of loadConfig reads from its environment. */
  function namesRead(env: Record<string, string>): Set<string> {
    const read = new Set<string>();
    loadConfig(
      new Proxy(env, {
        get(target, name) {
          if (typeof name === 'string') read.add(name);
          return target[name as string];
        },
      }),
    );
    return read;
  }

  it('holds every variable the loader reads, and the loader reads every one it holds', () => {
    const read = new Set([
      ...namesRead({}),
      ...namesRead({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', AUTH_ISSUER: 'https://signin.example.gov.scot' }),
    ]);
    expect([...read].filter((name) => !declared.has(name))).toEqual([]);
    expect([...declared].filter((name) => !read.has(name))).toEqual([]);
  });

  it("is the README's configuration table, row for row", () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const section = /^## Configuration\n([\s\S]*?)^## /m.exec(readme)![1];
    // The first table of the section; the tests' own variables follow in another.
    const table = /^\| variable \| default \| meaning \|\n\|[-|]+\|\n((?:\|.*\n)+)/m.exec(section)![1];
    const documented = table
      .trim()
      .split('\n')
      .flatMap((row) => {
        // `QUERY_MAX_DEPTH` / `_ALIASES` / …: a name starting with `_` continues the first one's prefix.
        const names = [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((match) => match[1]);
        const prefix = names[0].replace(/_[^_]+$/, '');
        return names.map((name) => (name.startsWith('_') ? `${prefix}${name}` : name));
      });
    expect([...documented].sort()).toEqual(Object.keys(VARIABLES).sort());
  });
});

describe('npm run config', () => {
  it('prints every variable with its effective value, hiding passwords and secrets', () => {
    const env = {
      DATABASE_URL: 'postgres://graph_admin:hunter2@db.internal/scotland_graph?sslmode=require',
      PAYMENTS_DATABASE_URL: 'postgres://cpg_payments:s3cret@db.internal/scotland_graph',
      DATABASE_ROLE_SECRET: 'the-role-secret',
      REDIS_URL: 'rediss://:redispass@redis.internal:6380',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.internal:4318/?token=abc123',
      RATE_LIMIT_PER_MINUTE: '60',
      RATE_LIMIT: '5',
    };
    const printed = printConfiguration(loadConfig(env), env);
    for (const secret of ['hunter2', 's3cret', 'the-role-secret', 'redispass', 'abc123'])
      expect({ secret, shown: printed.includes(secret) }).toEqual({ secret, shown: false });
    const rows = effectiveConfiguration(loadConfig(env), env);
    expect(rows.map((row) => row.name)).toEqual([...declared]);
    const row = (name: string) => rows.find((entry) => entry.name === name);
    expect(row('DATABASE_URL')).toEqual({
      name: 'DATABASE_URL',
      value: 'postgres://graph_admin:********@db.internal/scotland_graph?sslmode=require',
      source: 'set',
    });
    expect(row('DATABASE_ROLE_SECRET')).toEqual({ name: 'DATABASE_ROLE_SECRET', value: '******** (set)', source: 'set' });
    expect(row('RATE_LIMIT_PER_MINUTE')).toEqual({ name: 'RATE_LIMIT_PER_MINUTE', value: '60', source: 'set' });
    expect(row('PLAYGROUND')).toEqual({ name: 'PLAYGROUND', value: 'on', source: 'default' });
    expect(row('PAYMENTS_PORT')).toEqual({ name: 'PAYMENTS_PORT', value: '4003', source: 'default' });
    expect(printed).toContain('warning: RATE_LIMIT is not a variable the graph reads: did you mean RATE_LIMIT_PER_MINUTE?');
  });

  it('hides a URL password and secret parameters, and leaves other values as they are', () => {
    expect(maskUrl('postgres://u:p@h:5432/db')).toBe('postgres://u:********@h:5432/db');
    expect(maskUrl('postgres://u@h/db?sslmode=require')).toBe('postgres://u@h/db?sslmode=require');
    expect(maskUrl('https://x.example/?password=p&a=1')).toBe('https://x.example/?password=********&a=1');
    expect(maskUrl('urn:scotland-graph:local-issuer')).toBe('urn:scotland-graph:local-issuer');
    expect(maskUrl('600')).toBe('600');
  });
});

describe('a production process started with a misspelt variable', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, args, { cwd: path.join(__dirname, '..'), env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', timeout: 60_000 });
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://graph_admin:hunter2@127.0.0.1:1/scotland_graph',
    DATABASE_ROLE_SECRET: 'a-role-secret',
    AUTH_ISSUER: 'https://signin.example.gov.scot',
  };

  it('stops before it starts, naming the variable it resembles', () => {
    const started = run(['dist/runtime/bin/gateway.js'], { ...production, QUERY_MAX_DEPT: '3' });
    expect(started.status).toBe(1);
    expect(started.stderr.trim()).toBe(
      'gateway: QUERY_MAX_DEPT is not a variable the graph reads: did you mean QUERY_MAX_DEPTH? In production a variable the graph does not know stops the start: correct or remove it.',
    );
  });

  it('prints the effective configuration with --print-config, secrets hidden, and does not start', () => {
    const printed = run(['dist/runtime/bin/subgraph.js', 'payments', '--print-config'], { ...production, RATE_LIMIT_PER_MINUTE: '60' });
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/^RATE_LIMIT_PER_MINUTE +60 +set$/m);
    expect(printed.stdout).toMatch(/^DATABASE_URL +postgres:\/\/graph_admin:\*{8}@127\.0\.0\.1:1\/scotland_graph +set$/m);
    expect(printed.stdout).toMatch(/^PLAYGROUND +off +default$/m);
    expect(printed.stdout).not.toMatch(/hunter2|a-role-secret/);
  });
});
