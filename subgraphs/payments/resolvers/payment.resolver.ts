import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUuid } from '../../shared/errors';
import { type KeysetOrder, type KeysetPageQuery, keysetQuery, pageOf } from '../../shared/keyset';
import { Connection, PageArgs } from '../../shared/pagination';
import { type EntityRef, refOf } from '../../shared/references';
import { FINISHED_STATUSES, Payment, PaymentDirection, PaymentStatus } from '../entities/payment';
import type { PaymentsContext } from '../loaders';
import { PaymentTotal } from './payment-total';
import { AccountRef, OrganisationRef } from './references';

@ObjectType({ description: 'A page of payments, newest first.' })
export class PaymentConnection extends Connection(Payment) {}

@ArgsType()
export class PaymentsArgs extends PageArgs {
  @Field(() => PaymentStatus, { nullable: true, description: 'Only payments in this status.' })
  status?: PaymentStatus | null;

  @Field(() => PaymentDirection, { nullable: true, description: 'Only payments in this direction.' })
  direction?: PaymentDirection | null;
}

const NEWEST_FIRST: KeysetOrder<Payment> = { by: 'createdAt', direction: 'DESC' };

/** The query is plain data, so it can key the DataLoader that batches parents. */
function paymentsQuery(args: PaymentsArgs): KeysetPageQuery<Payment> {
  return keysetQuery(args, NEWEST_FIRST, { status: args.status, direction: args.direction });
}

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => Payment, { nullable: true, description: 'A payment by id; null when there is none.' })
  payment(@Arg('id', () => ID) id: string, @Ctx() ctx: PaymentsContext): Promise<Payment | null> {
    return ctx.loaders.paymentById.load(requireUuid(id, 'id'));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the payment has reached a status it never leaves.' })
  finished(@Root() payment: Payment): boolean {
    return FINISHED_STATUSES.has(payment.status);
  }

  @FieldResolver(() => OrganisationRef, { description: 'The organisation paid (INBOUND) or paying (OUTBOUND).' })
  organisation(@Root() payment: Payment): EntityRef {
    return refOf(payment.organisationId);
  }

  @FieldResolver(() => AccountRef, { nullable: true, description: 'The citizen who paid or is paid, when they have an account.' })
  account(@Root() payment: Payment): EntityRef | null {
    return refOf(payment.accountId);
  }
}

@Resolver(() => OrganisationRef)
export class OrganisationPaymentsResolver {
  @FieldResolver(() => PaymentConnection, { description: 'Payments into and out of this organisation, newest first.' })
  payments(@Root() organisation: EntityRef, @Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() ctx: PaymentsContext) {
    const query = paymentsQuery(args);
    return ctx.loaders.paymentsOfOrganisation.load(query, organisation.id).then((rows) => pageOf(rows, query));
  }

  @FieldResolver(() => [PaymentTotal], { description: 'Counts and sums of this organisation\'s payments by direction and status.' })
  paymentTotals(@Root() organisation: EntityRef, @Ctx() ctx: PaymentsContext): Promise<PaymentTotal[]> {
    return ctx.loaders.totalsOfOrganisation.load(organisation.id);
  }
}

@Resolver(() => AccountRef)
export class AccountPaymentsResolver {
  @FieldResolver(() => PaymentConnection, { description: 'Payments this person made or received, newest first.' })
  payments(@Root() account: EntityRef, @Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() ctx: PaymentsContext) {
    const query = paymentsQuery(args);
    return ctx.loaders.paymentsOfAccount.load(query, account.id).then((rows) => pageOf(rows, query));
  }
}
