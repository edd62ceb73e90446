import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../shared/pagination';
import { type EntityRef } from '../../shared/references';
import { AccountRef } from './account';

@ObjectType({ description: "A member of an organisation's staff who learns with the Academy, with their totals." })
export class Learner {
  @Field(() => AccountRef, {
    nullable: true,
    description:
      "Their account. Asking only for `account { id }` never fails. Its other fields come from identity, which shows staff only the accounts that used or consented to their organisation: for any other learner `account` is then null, and the answer carries ONE FORBIDDEN error for all such learners, whose `extensions.paths` lists each null (show the learner's totals without account details).",
  })
  account!: EntityRef;

  @Field(() => Int, { description: "How many statements they have in this organisation's context." })
  statements!: number;

  @Field(() => Int, { description: 'How many distinct courses they have completed or passed.' })
  coursesCompleted!: number;

  @Field(() => Date, { description: 'Their latest learning activity.' })
  lastActiveAt!: Date;
}

@ObjectType({ description: 'A page of learners, in account order.' })
export class LearnerConnection extends Connection(Learner) {}
