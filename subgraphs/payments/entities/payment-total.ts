import { Field, Int, ObjectType } from 'type-graphql';
import { PenceScalar } from '../../shared/scalars';
import { PaymentDirection, PaymentStatus } from './payment';

@ObjectType({ description: 'How many payments of one direction and status, and their sum.' })
export class PaymentTotal {
  @Field(() => PaymentDirection, { description: 'The direction of the payments counted.' })
  direction!: PaymentDirection;

  @Field(() => PaymentStatus, { description: 'The current status of the payments counted.' })
  status!: PaymentStatus;

  @Field(() => Int, { description: 'The number of payments.' })
  payments!: number;

  @Field(() => PenceScalar, { description: 'Their sum in pence: exact, never overflows.' })
  amount!: string;
}
