import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { forbidden, isAccountHolder, requireSignedIn } from '../../shared/auth';
import { pageOf } from '../../shared/keyset';
import { withTotalCount } from '../../shared/pagination';
import type { EntityRef } from '../../shared/references';
import { AccountRef } from '../entities/account';
import { PaymentConnection } from '../entities/payment';
import { PaymentsArgs, paymentsQuery } from '../inputs';
import type { PaymentsContext } from '../loaders';

@Resolver(() => AccountRef)
export class AccountResolver {
  @FieldResolver(() => PaymentConnection, {
    nullable: true,
    description: 'Payments this person made or received, newest first: all for the citizen, those with their organisation for staff.',
  })
  payments(@Root() account: EntityRef, @Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() ctx: PaymentsContext) {
    requireSignedIn(ctx.viewer);
    let query = paymentsQuery(args);
    if (!isAccountHolder(ctx.viewer, account.id)) {
      if (!ctx.viewer.organisationId) throw forbidden();
      // Staff see only the payments this person made to or received from their organisation.
      query = { ...query, equals: { ...query.equals, organisationId: ctx.viewer.organisationId } };
    }
    return ctx.loaders.paymentsOfAccount
      .load(query, account.id)
      .then((rows) => withTotalCount(pageOf(rows, query), () => ctx.loaders.paymentCountOfAccount.load(query.equals, account.id)));
  }
}
