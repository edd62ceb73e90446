import type { DataSource, EntityManager } from 'typeorm';
import { changesOn } from '../shared/change-stream';
import { loaderById } from '../shared/loaders';
import { notify } from '../shared/notifications';
import { Consent } from './entities/consent';
import type { IdentityContext } from './loaders';

/** The LISTEN/NOTIFY channel of committed consent changes (given, withdrawn), for subscriptions. */
export const CONSENT_CHANGES = 'identity_consent_changes';

/** What a change says: whose consent; the consent itself is read after the commit. */
export interface ConsentChange {
  consentId: string;
  accountId: string;
}

/** Called inside the write's transaction: delivered on commit, never for a rolled-back change. */
export function announceConsentChange(tx: EntityManager, change: ConsentChange): Promise<void> {
  return notify(tx, CONSENT_CHANGES, change);
}

/** A change is one object however many subscribers a process has: the consent is read once per change per process. */
const readOnce = new WeakMap<ConsentChange, Promise<Consent | null>>();

export function changedConsent(db: DataSource, change: ConsentChange): Promise<Consent | null> {
  let consent = readOnce.get(change);
  if (!consent) {
    consent = loaderById(db, Consent).load(change.consentId);
    readOnce.set(change, consent);
  }
  return consent;
}

/** Changes to one citizen's consents; a gap in listening ends the subscription (the list must be read again). */
export function changesOfConsents(ctx: IdentityContext, accountId: string): Promise<AsyncIterableIterator<ConsentChange>> {
  return changesOn<ConsentChange>(ctx.changes(), CONSENT_CHANGES, { accept: (change) => change.accountId === accountId, afterGap: () => null });
}
