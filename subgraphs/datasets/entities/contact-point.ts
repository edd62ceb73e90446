import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Who to ask about a dataset (dcat:contactPoint).' })
export class ContactPoint {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;
}
