import type { GraphConfig } from './config';
import { type EffectiveValue, type Secrecy, concreteVariables } from './variables';

const HIDDEN = '********';
const SECRET_PARAMETERS = /^(password|passwd|secret|token|sslpassword|sslkey)$/i;

/** A URL with its password and any secret-looking query parameter hidden; anything that is not a URL with a host, as it was. */
export function maskUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  if (!url.host) return value;
  let changed = false;
  if (url.password) {
    url.password = HIDDEN;
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAMETERS.test(name)) {
      url.searchParams.set(name, HIDDEN);
      changed = true;
    }
  }
  // Unchanged values are returned as given, not as URL re-serialises them.
  return changed ? url.toString() : value;
}

function shown(value: EffectiveValue): string {
  if (value === null) return '(unset)';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length > 0 ? value.join(',') : '(none)';
  return String(value);
}

function masked(value: string, secrecy: Secrecy | undefined, set: boolean): string {
  if (secrecy === 'secret') return set ? `${HIDDEN} (set)` : value;
  // Every value, not only those declared as URLs: a password may hide in any URL an operator sets.
  return maskUrl(value);
}

export interface EffectiveVariable {
  name: string;
  value: string;
  /** Whether the environment set it, or the graph chose the value. */
  source: 'set' | 'default';
}

/** Every variable the graph reads, with the value it runs with, secrets hidden. */
export function effectiveConfiguration(config: GraphConfig, env: Record<string, string | undefined>): EffectiveVariable[] {
  return concreteVariables().map(({ name, declaration, subgraph }) => {
    const set = env[name] !== undefined && env[name] !== '';
    return { name, value: masked(shown(declaration.effective(config, subgraph)), declaration.secrecy, set), source: set ? 'set' : 'default' };
  });
}

/** `npm run config`: the effective configuration as a table, then any warnings. */
export function printConfiguration(config: GraphConfig, env: Record<string, string | undefined>): string {
  const rows = effectiveConfiguration(config, env);
  const width = Math.max(...rows.map((row) => row.name.length));
  const valueWidth = Math.min(60, Math.max(...rows.map((row) => row.value.length)));
  const lines = [
    `The graph's effective configuration (NODE_ENV=${config.environment}): every variable it reads, its value, and whether it was set or defaulted. Secrets are hidden.`,
    '',
    ...rows.map((row) => `${row.name.padEnd(width)}  ${row.value.padEnd(valueWidth)}  ${row.source}`),
    ...(config.warnings.length > 0 ? ['', ...config.warnings.map((warning) => `warning: ${warning}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}
