import { Field, Int, ObjectType } from 'type-graphql';
import { PenceScalar } from '../../shared/scalars';
import { PaymentDirection, PaymentStatus } from './payment';

@ObjectType({ description: "An organisation's payments of one month, direction and status." })
export class PaymentMonthTotal {
  @Field(() => String, { description: 'The calendar month in UK time, "YYYY-MM".' })
  month!: string;

  @Field(() => PaymentDirection, { description: 'The direction of the payments counted.' })
  direction!: PaymentDirection;

  @Field(() => PaymentStatus, { description: 'The current status of the payments counted.' })
  status!: PaymentStatus;

  @Field(() => Int, { description: 'How many payments were created that month in this direction and now in this status.' })
  payments!: number;

  @Field(() => PenceScalar, { description: 'Their sum in pence: exact, never overflows.' })
  amount!: string;

  @Field(() => PenceScalar, { description: 'How much of it has been refunded.' })
  refunded!: string;
}
