/**
 * `npm run token -- --role staff --org S12000036`: mints a token with the
 * graph's own development key, to try each role in the playground. Roles:
 * citizen (--account <n or uuid>), staff and partner (--org <GSS code, seed key
 * or uuid; a partner's client id, its `sub`, is --sub or the seed key), analyst, admin. Only for the local issuer: a real deployment's
 * tokens come from its OpenID Connect provider.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { isUuid } from '../platform/ids';
import { ROLES, type Role, localIssuer } from '../platform/tokens';
import { flag, runMain } from '../runtime/cli';
import { seedId, seedSerialId } from '../seed/ids';

runMain('token', async (config) => {
  if (!config.auth.local) throw new Error('AUTH_ISSUER or a key source is set: tokens come from that issuer, not from this command.');
  const role = flag('role') as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}.`);
  const claims: Record<string, string> = { role };
  if (role === 'citizen') {
    const account = flag('account') ?? '1';
    claims.sub = isUuid(account) ? account : seedSerialId('account', Number(account));
  } else if (role === 'partner') {
    // A partner's subject is its client id, which names its safelist (persisted-queries/<client id>.json).
    const org = flag('org');
    claims.sub = flag('sub') ?? (org && !isUuid(org) && !/^S\d{8}$/.test(org) ? org : `partner-${randomUUID()}`);
  } else {
    claims.sub = flag('sub') ?? `${role}-${randomUUID()}`;
  }
  if (role === 'staff' || role === 'partner') {
    const org = flag('org');
    if (!org) throw new Error('--org is required for staff and partner tokens: a GSS code (S12000036), a seed key (disclosure-scotland) or an id.');
    claims.org = isUuid(org) ? org : seedId('organisation', org);
  }
  const issuer = await localIssuer(config.embeddedPostgres.dataDir, config.auth.issuer, config.auth.audience);
  process.stdout.write(`${await issuer.sign(claims, { expiresIn: flag('expires') ?? '8h' })}\n`);
});
