import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { composedUrl } from '../runtime/composition';
import { DEFAULT_SUBGRAPH_PORTS } from '../runtime/config';

const root = path.join(__dirname, '..');
// Compose files use YAML merge keys (`<<: *anchor`), which YAML 1.2 parsers apply only when asked.
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });

describe('docker-compose.yml', () => {
  it('names postgres, redis, the migrate job, every subgraph and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'migrate', 'postgres', 'redis', ...SUBGRAPH_NAMES].sort());
  });

  it('runs entry points that exist', () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      if (!service.command || service.image?.startsWith('redis')) continue;
      const script = service.command.find((part: string) => part.endsWith('.ts'));
      if (script) expect({ name, exists: existsSync(path.join(root, script)) }).toEqual({ name, exists: true });
    }
  });

  it.each(SUBGRAPH_NAMES)('serves %s on the port and host the supergraph names, with a health check', (name) => {
    const service = compose.services[name];
    const port = String(DEFAULT_SUBGRAPH_PORTS[name]);
    expect(service.environment[`${name.toUpperCase()}_PORT`]).toBe(port);
    expect(service.environment.PROBE_PORT).toBe(port);
    expect(service.healthcheck.test.join(' ')).toContain('/readyz');
    expect(service.depends_on.migrate.condition).toBe('service_completed_successfully');
    expect(compose.services.gateway.environment[`${name.toUpperCase()}_URL`]).toBe(composedUrl(name));
    expect(compose.services.gateway.depends_on[name].condition).toBe('service_healthy');
  });

  it('gives the database and redis health checks that the services wait on', () => {
    expect(compose.services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(compose.services.redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
    // The gateway keeps APQ and rate limits in that Redis.
    expect(compose.services.gateway.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.gateway.depends_on.redis.condition).toBe('service_healthy');
    expect(compose.services.migrate.depends_on.postgres.condition).toBe('service_healthy');
  });
});

describe('Dockerfile', () => {
  it('installs production dependencies from the lockfile', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^USER node$/m);
    // The playground bundle is built after the sources are in, since install scripts are skipped.
    expect(dockerfile.indexOf('RUN npm run build:playground')).toBeGreaterThan(dockerfile.indexOf('COPY . .'));
  });
});
