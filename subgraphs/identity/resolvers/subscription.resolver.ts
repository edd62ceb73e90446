import { Ctx, Resolver, Root, Subscription } from 'type-graphql';
import { forbidden, requireRole } from '../../shared/auth';
import { type ConsentChange, changedConsent, changesOfConsents } from '../changes';
import { Consent } from '../entities/consent';
import type { IdentityContext } from '../loaders';

/** A citizen's own consent changes as they commit: a front end shows a withdrawal made in another tab or service at once. */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Consent, {
    description:
      "Each of the signed-in citizen's consents as it is given or withdrawn, from the next committed change on. Citizens only. Reconnect and read `me { consents }` again on SUBSCRIPTION_CLOSED.",
    subscribe: ({ context }: { context: IdentityContext }) => {
      requireRole(context.viewer, 'citizen');
      return changesOfConsents(context, context.viewer.subject!);
    },
  })
  async consentsUpdated(@Root() change: ConsentChange, @Ctx() ctx: IdentityContext): Promise<Consent> {
    const consent = await changedConsent(ctx.db, change);
    if (!consent || ctx.viewer.role !== 'citizen' || consent.accountId !== ctx.viewer.subject) throw forbidden();
    return consent;
  }
}
