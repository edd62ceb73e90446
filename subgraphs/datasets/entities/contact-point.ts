import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Who to ask about a dataset (dcat:contactPoint).' })
export class ContactPoint {
  @Field(() => String, { description: 'The team or role to contact, e.g. "Population statistics team".' })
  name!: string;

  @Field(() => String, { description: 'Their email address.' })
  email!: string;
}
