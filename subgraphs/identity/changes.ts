import type { EntityManager } from 'typeorm';
import { changeChannel } from '../shared/change-channel';
import { Consent } from './entities/consent';
import type { IdentityContext } from './loaders';

/** What a change says: whose consent; the consent itself is read after the commit. */
export interface ConsentChange {
  consentId: string;
  accountId: string;
}

/** Committed consent changes (given, withdrawn), for subscriptions. */
const consentChanges = changeChannel<ConsentChange, Consent>('identity_consent_changes', Consent, (change) => change.consentId);

/** Called inside the write's transaction: delivered on commit, never for a rolled-back change. */
export function announceConsentChange(tx: EntityManager, change: ConsentChange): Promise<void> {
  return consentChanges.announce(tx, change);
}

/** The consent as the change left it, read once per change per process. */
export const changedConsent = consentChanges.read;

/** Changes to one citizen's consents; a gap in listening ends the subscription (the list must be read again). */
export function changesOfConsents(ctx: IdentityContext, accountId: string): Promise<AsyncIterableIterator<ConsentChange>> {
  return consentChanges.listen(ctx.changes(), { accept: (change) => change.accountId === accountId, afterGap: () => null });
}
