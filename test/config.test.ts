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
    [{ NODE_ENV: 'production' }, 'In production set DATABASE_URL or every <SUBGRAPH>_DATABASE_URL: the embedded Postgres is for development.'],
  ])('fails fast on %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('reads per-subgraph URLs and ports', () => {
    const config = loadConfig({ IDENTITY_PORT: '0', IDENTITY_URL: 'http://identity:4002/graphql', IDENTITY_DATABASE_URL: 'postgres://u:p@h/db' });
    expect(config.subgraphs.identity).toEqual({ port: 0, url: 'http://identity:4002/graphql', databaseUrl: 'postgres://u:p@h/db' });
  });
});
