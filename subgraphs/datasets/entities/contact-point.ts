import { Field, ObjectType } from 'type-graphql';
import { PublicCache } from '../../shared/federation';

@ObjectType({ description: 'Who to ask about a dataset (dcat:contactPoint).' })
export class ContactPoint {
  @PublicCache(300)
  @Field(() => String, { description: 'The team or role to contact, e.g. "Population statistics team".' })
  name!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'Their email address.' })
  email!: string;
}
