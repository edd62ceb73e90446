import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PublicCache } from '../../shared/federation';
import { Connection } from '../../shared/pagination';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Scottish Digital Academy course.' })
@Entity({ name: 'course' })
export class Course {
  @PublicCache(300)
  @Field(() => ID, { description: "The course's id (a UUID)." })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'The course title, e.g. "Introduction to data science".' })
  @Column({ type: 'text' })
  title!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'The capability it builds: "data", "cyber", "cloud", "service design", "agile", "AI", ...' })
  @Column({ type: 'text' })
  theme!: string;

  @PublicCache(300)
  @Field(() => String, { description: 'Who delivers it.' })
  @Column({ type: 'text' })
  provider!: string;

  @PublicCache(300)
  @Field(() => Int, { description: 'Its length in minutes of learning.' })
  @Column({ type: 'integer', name: 'duration_minutes' })
  durationMinutes!: number;

  @PublicCache(300)
  @Field(() => String, { description: 'What the course covers, in a paragraph of plain text.' })
  @Column({ type: 'text' })
  description!: string;
}

@ObjectType({ description: 'A page of courses, by title.' })
export class CourseConnection extends Connection(Course, { counted: true }) {}
