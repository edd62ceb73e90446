import type { DataSource } from 'typeorm';
import { badUserInput } from '../../shared/errors';
import { selectColumns } from '../../shared/keyset';
import { Dataset } from '../entities/dataset';

export const MAX_QUERY_LENGTH = 200;

/**
 * Full-text search over title (weight A), keywords (B) and description (C)
 * with English stemming; `websearch_to_tsquery` accepts what people type
 * (words, "quoted phrases", -exclusions) and never raises a syntax error.
 */
export async function searchDatasets(db: DataSource, text: string, limit: number, offset: number): Promise<Dataset[]> {
  const query = text.trim();
  if (query.length === 0) throw badUserInput('`query` must contain at least one word.', 'query');
  if (query.length > MAX_QUERY_LENGTH) throw badUserInput(`\`query\` must be at most ${MAX_QUERY_LENGTH} characters.`, 'query');
  const meta = db.getMetadata(Dataset);
  const rows = await db.query(
    `SELECT ${selectColumns(meta, 't')}
       FROM datasets.dataset t, websearch_to_tsquery('english', $1) q
      WHERE t.search @@ q
      ORDER BY ts_rank_cd(t.search, q) DESC, t.modified DESC, t.id
      LIMIT $2 OFFSET $3`,
    [query, limit, offset],
  );
  return rows.map((row: object) => db.manager.create(Dataset, row as never));
}
