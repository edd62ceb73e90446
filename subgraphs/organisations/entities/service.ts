import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'A service an organisation offers to the public, e.g. "Council tax".' })
@Entity({ name: 'service' })
export class Service {
  @Field(() => ID, { description: "The service's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Field(() => String, { description: 'The name the public knows it by, e.g. "Council tax".' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'A broad category, e.g. "Education", "Transport", "Justice".' })
  @Column({ type: 'text' })
  category!: string;

  @Field(() => String, { nullable: true, description: 'Where the service starts for the public.' })
  @Column({ type: 'text', nullable: true })
  url!: string | null;
}
