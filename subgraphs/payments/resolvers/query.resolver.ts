import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireUuid } from '../../shared/validation';
import { Payment } from '../entities/payment';
import type { PaymentsContext } from '../loaders';
import { visiblePayment } from './payment.resolver';

@Resolver()
export class QueryResolver {
  @Query(() => Payment, {
    nullable: true,
    description: "A payment by id: for staff, their organisation's; for a citizen, their own. FORBIDDEN otherwise, whether or not it exists.",
  })
  payment(
    @Arg('id', () => ID, { description: 'The payment id (a UUID; BAD_USER_INPUT otherwise).' }) id: string,
    @Ctx() ctx: PaymentsContext,
  ): Promise<Payment> {
    return visiblePayment(ctx, requireUuid(id, 'id'));
  }
}
