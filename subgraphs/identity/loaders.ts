import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../shared/auth';
import { loaderById, loaderByParent, loaderOfChildren } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { accountsVisibleTo, organisationsUsedBy } from './accounts';
import { readConsentedAttributesRecordingAccess } from './attributes';
import { Account } from './entities/account';
import { AttributeAccess } from './entities/attribute-access';
import { Consent } from './entities/consent';
import { VerifiedAttribute } from './entities/verified-attribute';
import { Vouch } from './entities/vouch';

export function createIdentityLoaders(db: DataSource, viewer: Viewer) {
  return {
    accountById: loaderById(db, Account),
    /** Whether this viewer may see an account at all: their own, or one that used or consented to their organisation. */
    accountVisible: new DataLoader<string, boolean>((accountIds) => accountsVisibleTo(db, viewer, accountIds)),
    attributesOfAccount: loaderOfChildren(db, VerifiedAttribute, 'accountId', 't.kind, t.id'),
    /** For staff: the attributes their organisation has consent to read; each read is recorded as it is made. */
    consentedAttributesRecordingAccess: loaderByParent((accountIds) => readConsentedAttributesRecordingAccess(db, viewer, accountIds)),
    consentsOfAccount: loaderOfChildren(db, Consent, 'accountId', 't.given_at DESC, t.id'),
    accessesOfAccount: loaderOfChildren(db, AttributeAccess, 'accountId', 't.accessed_at DESC, t.id DESC'),
    vouchesOfAccount: loaderOfChildren(db, Vouch, 'accountId', 't.recorded_at, t.id'),
    organisationsUsedBy: loaderByParent((accountIds) => organisationsUsedBy(db, accountIds)),
  };
}

export type IdentityContext = SubgraphContext<ReturnType<typeof createIdentityLoaders>>;
