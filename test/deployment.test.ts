import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { composedUrl } from '../runtime/composition';
import { DEFAULT_SUBGRAPH_PORTS, loadConfig, subgraphSecretsOf } from '../runtime/config';

const root = path.join(__dirname, '..');
// Compose files use YAML merge keys (`<<: *anchor`), which YAML 1.2 parsers apply only when asked.
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });

describe('docker-compose.yml', () => {
  it('names postgres, redis, the migrate job, every subgraph and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'migrate', 'postgres', 'redis', ...SUBGRAPH_NAMES].sort());
  });

  it('runs compiled entry points that exist, with node itself (no npx, no tsx)', () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      if (!service.command || service.image?.startsWith('redis')) continue;
      expect({ name, program: service.command[0] }).toEqual({ name, program: 'node' });
      const source = service.command[1].replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ name, exists: existsSync(path.join(root, source)) }).toEqual({ name, exists: true });
    }
  });

  it('has a production-shaped override that the config module accepts once a real issuer is given', () => {
    const production = parse(readFileSync(path.join(root, 'docker-compose.production.yml'), 'utf8'), { merge: true });
    expect(Object.keys(production.services).sort()).toEqual(['gateway', 'migrate', ...SUBGRAPH_NAMES].sort());
    expect(production.services.migrate.environment.SEED).toBe('none');
    for (const [name, service] of Object.entries<any>(production.services)) {
      // What `docker compose` makes of ${VAR:?…} and ${VAR:-default} once the operator sets them.
      const env = Object.fromEntries(
        Object.entries<string>({ ...compose.services[name].environment, ...service.environment }).map(([key, value]) => [
          key,
          String(value).replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_match, variable: string, fallback = '') =>
            variable === 'AUTH_ISSUER'
              ? 'https://signin.example.gov.scot'
              : variable === 'DATABASE_ROLE_SECRET'
                ? 'a-real-secret'
                : variable === 'SUBGRAPH_SECRET'
                  ? 'a-real-subgraph-secret-of-32-characters-or-more'
                  : fallback,
          ),
        ]),
      );
      const config = loadConfig(env);
      // The gateway and the subgraphs refuse to start in production without the secret of their calls.
      if (name !== 'migrate') expect(() => subgraphSecretsOf(config)).not.toThrow();
      expect({ name, environment: config.environment, local: config.auth.local, playground: config.gateway.playground }).toEqual({
        name,
        environment: 'production',
        local: false,
        playground: false,
      });
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
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds with every dependency and runs with production dependencies only, from the lockfile', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^node:20\S* AS build/);
    expect(stages[0]).toContain('npm ci');
    expect(stages[0]).toContain('npm run build');
    expect(stages[0]).toContain('npm run build:playground');
    expect(stages[1]).toMatch(/^node:20/);
    expect(stages[1]).toContain('npm ci --omit=dev');
    expect(stages[1]).toContain('COPY --from=build /app/dist ./dist');
    expect(stages[1]).toMatch(/^USER node$/m);
  });

  it('runs node under tini as PID 1, compiled, with no npx or tsx', () => {
    expect(stages[1]).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    const cmd = JSON.parse(/^CMD (.+)$/m.exec(stages[1])![1]) as string[];
    expect(cmd[0]).toBe('node');
    expect(existsSync(path.join(root, cmd[1].replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    expect(dockerfile).not.toMatch(/\b(npx|tsx)\b/);
  });
});
