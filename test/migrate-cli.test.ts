/** `npm run migrate` as an operator runs it in the image: the compiled command against a real Postgres. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase, testRoles } from './support/database';

const run = promisify(execFile);
const root = path.join(__dirname, '..');
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.stop();
});

/** The command's output and exit code, with the database of this test and nothing seeded. */
async function migrate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const roles = testRoles();
  const env = {
    PATH: process.env.PATH!,
    DATABASE_URL: database.adminUrl,
    DATABASE_ROLE_PREFIX: roles.prefix,
    DATABASE_ROLE_SECRET: roles.secret,
    SEED: 'none',
    LOG_LEVEL: 'warn',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['dist/scripts/migrate.js', ...args], { cwd: root, env });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

const line = (out: string, subgraph: string) => out.split('\n').find((text) => text.startsWith(`${subgraph}:`));

describe('npm run migrate', () => {
  it('shows status, applies nothing on a dry run, applies, and reverts one step unless told more with --yes', async () => {
    const before = await migrate('status');
    expect(before.code).toBe(0);
    expect(line(before.out, 'payments')).toMatch(/^payments: 0 applied, 3 pending: PaymentsInitial\d+, PaymentLifecycle\d+, PaymentTotals\d+$/);

    const dry = await migrate('--dry-run');
    expect(dry.out).toContain('Dry run: nothing was applied.');
    expect(line((await migrate('status')).out, 'payments')).toMatch(/0 applied, 3 pending/);

    expect((await migrate()).code).toBe(0);
    const applied = await migrate('status');
    for (const subgraph of ['organisations', 'identity', 'payments', 'learning', 'datasets'])
      expect(line(applied.out, subgraph)).toMatch(/ applied.*, 0 pending$/);

    const reverted = await migrate('revert', 'payments');
    expect(reverted.out).toMatch(/^Reverted on payments: PaymentTotals\d+\.$/m);
    expect(line((await migrate('status')).out, 'payments')).toMatch(/^payments: 2 applied \(last PaymentLifecycle\d+\), 1 pending: PaymentTotals\d+$/);
    expect(line((await migrate('status')).out, 'identity')).toMatch(/, 0 pending$/);

    expect((await migrate()).code).toBe(0);
    const unconfirmed = await migrate('revert', 'payments', '--count', '2');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.err).toContain('add --yes to confirm');
    expect(line((await migrate('status')).out, 'payments')).toMatch(/, 0 pending$/);

    const preview = await migrate('revert', 'payments', '--count', '2', '--dry-run');
    expect(preview.out).toMatch(/^Would revert on payments, newest first: PaymentTotals\d+, PaymentLifecycle\d+\.$/m);
    expect(line((await migrate('status')).out, 'payments')).toMatch(/, 0 pending$/);

    const confirmed = await migrate('revert', 'payments', '--count', '2', '--yes');
    expect(confirmed.code).toBe(0);
    expect(line((await migrate('status')).out, 'payments')).toMatch(/^payments: 1 applied \(last PaymentsInitial\d+\), 2 pending/);

    const unknown = await migrate('revert', 'paymnets');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('revert takes a subgraph: one of organisations, identity, payments, learning, datasets');
  });
});
