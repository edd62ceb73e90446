import type { DataSource } from 'typeorm';
import { Organisation } from './entities/organisation';

/** A council by the GSS code of its area, or null. */
export function organisationByGssCode(db: DataSource, gssCode: string): Promise<Organisation | null> {
  return db.getRepository(Organisation).findOneBy({ gssCode });
}
