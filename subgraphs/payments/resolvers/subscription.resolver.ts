import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { actsFor, forbidden, requireActsFor } from '../../shared/auth';
import { requireUuid } from '../../shared/validation';
import { type PaymentChange, changedPayment, changesOfOrganisation, changesOfPayment } from '../changes';
import { Payment, PaymentStatus } from '../entities/payment';
import type { PaymentsContext } from '../loaders';
import { seenBy, visiblePayment } from './payment.resolver';

interface Subscribe<TArgs> {
  args: TArgs;
  context: PaymentsContext;
}

/**
 * Payment changes as they commit. Who may subscribe is checked when
 * subscribing; each change is read afresh and checked again for the
 * subscriber, so one who may no longer see the payment gets FORBIDDEN and
 * the subscription ends.
 */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Payment, {
    description:
      'The payment each time it changes (status, refunds), from the next committed change on: for staff, their organisation’s; for a citizen, their own. FORBIDDEN otherwise, whether or not it exists.',
    subscribe: async ({ args, context }: Subscribe<{ id: string }>) => changesOfPayment(context, await visiblePayment(context, requireUuid(args.id, 'id'))),
  })
  async paymentUpdated(
    @Arg('id', () => ID, { description: 'The payment to watch (a UUID; BAD_USER_INPUT otherwise).' }) _id: string,
    @Root() change: PaymentChange,
    @Ctx() ctx: PaymentsContext,
  ): Promise<Payment> {
    return seenBy(ctx, await changedPayment(ctx.db, change));
  }

  @Subscription(() => Payment, {
    description:
      "Each of an organisation's payments as it is created or changes, from the next committed change on: for that organisation's staff and partner services. Reconnect and read the list again on SUBSCRIPTION_CLOSED.",
    subscribe: ({ args, context }: Subscribe<{ organisationId: string; status?: PaymentStatus | null }>) => {
      const organisationId = requireUuid(args.organisationId, 'organisationId');
      requireActsFor(context.viewer, organisationId);
      return changesOfOrganisation(context, organisationId, args.status ?? null);
    },
  })
  async organisationPaymentsUpdated(
    // Parameter decorators register last first: this order prints organisationId first.
    @Arg('status', () => PaymentStatus, { nullable: true, description: 'Only payments that reach this status; all changes when left out.' })
    _status: PaymentStatus | null,
    @Arg('organisationId', () => ID, { description: 'The organisation whose payments to watch: your own.' }) _organisationId: string,
    @Root() change: PaymentChange,
    @Ctx() ctx: PaymentsContext,
  ): Promise<Payment> {
    const payment = await changedPayment(ctx.db, change);
    if (!payment || !actsFor(ctx.viewer, payment.organisationId)) throw forbidden();
    return payment;
  }
}
