import { Writable } from 'node:stream';
import { createLogger } from '../platform/logger';
import { loadConfig } from '../runtime/config';

/** Everything a logger of this format writes, line by line. */
function capture(format: 'json' | 'pretty') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', name: 'graph', destination, format }) };
}

describe('log formats', () => {
  it('are pretty at a terminal outside production, JSON otherwise, and LOG_FORMAT decides when set', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', AUTH_ISSUER: 'https://signin.example.gov.scot' };
    expect(loadConfig({}, { stdoutIsTTY: true }).logFormat).toBe('pretty');
    expect(loadConfig({}, { stdoutIsTTY: false }).logFormat).toBe('json');
    expect(loadConfig(production, { stdoutIsTTY: true }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, { stdoutIsTTY: true }).logFormat).toBe('json');
    expect(loadConfig({ ...production, LOG_FORMAT: 'pretty' }, { stdoutIsTTY: false }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow('LOG_FORMAT must be one of json, pretty; it is "text".');
  });

  it('pretty: one line each, the writer before the message, a request folded into its message, redaction kept', () => {
    const { lines, log } = capture('pretty');
    log.child({ component: 'gateway' }).info({ url: 'http://127.0.0.1:4000/graphql' }, 'gateway listening');
    log
      .child({ subgraph: 'payments' })
      .child({ requestId: 'r-1' })
      .info(
        { method: 'POST', path: '/graphql', status: 200, durationMs: 12.345, operationName: 'Dashboard', role: 'staff', refused: undefined, completed: true },
        'request',
      );
    log
      .child({ component: 'gateway' })
      .info({ method: 'POST', path: '/graphql', status: 429, durationMs: 1, role: null, refused: 'RATE_LIMITED', completed: true }, 'request');
    log.warn({ authorization: 'Bearer secret-token', variables: { name: 'Morag' } }, 'careful');
    log.info('stopped');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: gateway: gateway listening \{"url":"http:\/\/127\.0\.0\.1:4000\/graphql"\}$/);
    expect(lines[1]).toMatch(/ INFO: payments: POST \/graphql 200 12\.3 ms Dashboard as staff \{"requestId":"r-1"\}$/);
    expect(lines[2]).toMatch(/ INFO: gateway: POST \/graphql 429 1\.0 ms refused RATE_LIMITED$/);
    expect(lines[3]).toMatch(/ WARN: graph: careful \{"authorization":"\[redacted\]","variables":"\[redacted\]"\}$/);
    expect(lines.join('\n')).not.toMatch(/secret-token|Morag/);
    expect(lines[4]).toMatch(/ INFO: graph: stopped$/);
  });

  it('json: one object a line, as collectors read it', () => {
    const { lines, log } = capture('json');
    log.child({ component: 'gateway' }).info({ url: 'http://x' }, 'gateway listening');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, service: 'graph', component: 'gateway', url: 'http://x', msg: 'gateway listening' });
  });
});
