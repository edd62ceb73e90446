import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireActsFor } from '../../shared/auth';
import { badUserInput } from '../../shared/errors';
import { type KeysetOrder, keysetQuery, pageOf } from '../../shared/keyset';
import { PageArgs, withTotalCount } from '../../shared/pagination';
import type { EntityRef } from '../../shared/references';
import { OrganisationRef } from '../entities/organisation';
import { PaymentConnection } from '../entities/payment';
import { type PaymentEvent, PaymentEventConnection } from '../entities/payment-event';
import { PaymentMonthTotal } from '../entities/payment-month-total';
import { PaymentTotal } from '../entities/payment-total';
import { PaymentsArgs, paymentsQuery } from '../inputs';
import type { PaymentsContext } from '../loaders';

const EVENTS_NEWEST_FIRST: KeysetOrder<PaymentEvent> = { by: 'sequence', direction: 'DESC' };
const TEN_YEARS_MS = 10 * 366 * 24 * 3600 * 1000;

@Resolver(() => OrganisationRef)
export class OrganisationResolver {
  @FieldResolver(() => PaymentConnection, { nullable: true, description: 'Payments into and out of this organisation, newest first. Its own staff only.' })
  payments(@Root() organisation: EntityRef, @Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() ctx: PaymentsContext) {
    requireActsFor(ctx.viewer, organisation.id);
    const query = paymentsQuery(args);
    return ctx.loaders.paymentsOfOrganisation
      .load(query, organisation.id)
      .then((rows) => withTotalCount(pageOf(rows, query), () => ctx.loaders.paymentCountOfOrganisation.load(query.equals, organisation.id)));
  }

  @FieldResolver(() => [PaymentTotal], { nullable: true, description: "Counts and sums of this organisation's payments by direction and status." })
  paymentTotals(@Root() organisation: EntityRef, @Ctx() ctx: PaymentsContext): Promise<PaymentTotal[]> {
    requireActsFor(ctx.viewer, organisation.id);
    return ctx.loaders.totalsOfOrganisation.load(organisation.id);
  }

  @FieldResolver(() => [PaymentMonthTotal], {
    nullable: true,
    description: "Counts and sums of this organisation's payments by month (UK time), direction and status.",
  })
  paymentReport(
    @Root() organisation: EntityRef,
    @Arg('from', () => Date, { description: 'From this instant (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'Up to this instant (exclusive); at most ten years after `from`.' }) to: Date,
    @Ctx() ctx: PaymentsContext,
  ): Promise<PaymentMonthTotal[]> {
    requireActsFor(ctx.viewer, organisation.id);
    if (!(to > from)) throw badUserInput('`to` must be after `from`.', 'to');
    if (to.getTime() - from.getTime() > TEN_YEARS_MS) throw badUserInput('The report covers at most ten years.', 'to');
    return ctx.loaders.reportOfOrganisation.load({ from: from.toISOString(), to: to.toISOString() }, organisation.id);
  }

  @FieldResolver(() => PaymentEventConnection, { nullable: true, description: "The audit trail of all this organisation's payments, newest first." })
  async paymentEvents(@Root() organisation: EntityRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: PaymentsContext) {
    requireActsFor(ctx.viewer, organisation.id);
    const query = keysetQuery(args, EVENTS_NEWEST_FIRST);
    return pageOf(await ctx.loaders.eventsOfOrganisation.load(query, organisation.id), query);
  }
}
