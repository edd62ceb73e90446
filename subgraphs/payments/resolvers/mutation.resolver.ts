import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Role } from '../../shared/auth';
import { checkPayee } from '../confirmation-of-payee';
import { PayeeCheck } from '../entities/payee-check';
import { Payment } from '../entities/payment';
import { Refund } from '../entities/refund';
import { ChangePaymentStatusInput, CheckPayeeInput, CreatePaymentInput, RefundPaymentInput } from '../inputs';
import { changePaymentStatus, createPayment, refundPayment } from '../lifecycle';
import type { PaymentsContext } from '../loaders';

/** Payments are changed by staff (and partner services) of the organisation concerned: the row checks are in lifecycle.ts. */
@Resolver()
export class MutationResolver {
  @Authorized<Role>('staff', 'partner')
  @Mutation(() => Payment, {
    description:
      'Creates a payment in status CREATED. Idempotent: the same key and request returns the first payment; the same key with a different request is CONFLICT.',
  })
  createPayment(
    @Arg('input', () => CreatePaymentInput, {
      description: 'The payment to create; send it again with the same `idempotencyKey` to get the first answer back.',
    })
    input: CreatePaymentInput,
    @Ctx() ctx: PaymentsContext,
  ): Promise<Payment> {
    return createPayment(ctx.db, ctx.viewer, input);
  }

  @Authorized<Role>('staff', 'partner')
  @Mutation(() => Payment, {
    description:
      'Moves a payment to another status: CREATED → STARTED → SUBMITTED → (CAPTURABLE →) SUCCESS, or to FAILED / CANCELLED / ERROR from any unfinished status. Anything else is CONFLICT; the current status is a no-op.',
  })
  changePaymentStatus(
    @Arg('input', () => ChangePaymentStatusInput, { description: 'The payment and the status to move it to.' }) input: ChangePaymentStatusInput,
    @Ctx() ctx: PaymentsContext,
  ): Promise<Payment> {
    return changePaymentStatus(ctx.db, ctx.viewer, input);
  }

  @Authorized<Role>('staff', 'partner')
  @Mutation(() => Refund, {
    description: 'Refunds a successful inbound payment, never beyond what is still refundable. Idempotent by key, like createPayment.',
  })
  refundPayment(
    @Arg('input', () => RefundPaymentInput, { description: 'The payment, the amount and the refundable amount you expect.' }) input: RefundPaymentInput,
    @Ctx() ctx: PaymentsContext,
  ): Promise<Refund> {
    return refundPayment(ctx.db, ctx.viewer, input);
  }

  @Authorized<Role>('staff', 'partner')
  @Mutation(() => PayeeCheck, { description: 'Confirmation of Payee: checks the name on an account before an outbound payment, and records the check.' })
  checkPayee(
    @Arg('input', () => CheckPayeeInput, { description: "The payee's name and bank details as they gave them." }) input: CheckPayeeInput,
    @Ctx() ctx: PaymentsContext,
  ): Promise<PayeeCheck> {
    return checkPayee(ctx.db, ctx.viewer, input);
  }
}
