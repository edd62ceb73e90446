import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PublicCache } from '../../shared/federation';

@ObjectType({ description: 'A service an organisation offers to the public, e.g. "Council tax".' })
@Entity({ name: 'service' })
export class Service {
  @PublicCache(300)
  @Field(() => ID, { description: "The service's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'The name the public knows it by, e.g. "Council tax".' })
  @Column({ type: 'text' })
  name!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'A broad category, e.g. "Education", "Transport", "Justice".' })
  @Column({ type: 'text' })
  category!: string;

  @PublicCache(300)
  @Field(() => String, { nullable: true, description: 'Where the service starts for the public.' })
  @Column({ type: 'text', nullable: true })
  url!: string | null;
}
