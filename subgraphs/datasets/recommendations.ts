import type { DataSource } from 'typeorm';
import { groupByParent, selectColumns } from '../shared/rows';
import { Dataset } from './entities/dataset';
import type { DatasetRecommendation } from './entities/dataset-recommendation';

/**
 * "Datasets like this one" for many datasets in one statement: candidates
 * share a keyword, the theme or the publisher (GIN index on keywords), scored
 * and explained; a dataset never recommends itself.
 */
export async function recommendationsFor(db: DataSource, datasetIds: readonly string[], limit: number): Promise<Map<string, DatasetRecommendation[]>> {
  const meta = db.getMetadata(Dataset);
  const rows: (Record<string, unknown> & { __source: string; __shared: string[]; __theme: boolean; __publisher: boolean; __score: number })[] = await db.query(
    `SELECT s.id::text AS "__source", r.*
       FROM unnest($1::uuid[]) AS source(id)
       JOIN datasets.dataset s ON s.id = source.id
       CROSS JOIN LATERAL (
         SELECT ${selectColumns(meta, 't')},
                ARRAY(SELECT unnest(t.keywords) INTERSECT SELECT unnest(s.keywords) ORDER BY 1) AS "__shared",
                t.theme = s.theme AS "__theme", t.publisher_id = s.publisher_id AS "__publisher",
                2 * cardinality(ARRAY(SELECT unnest(t.keywords) INTERSECT SELECT unnest(s.keywords)))
                  + (t.theme = s.theme)::int + (t.publisher_id = s.publisher_id)::int AS "__score"
           FROM datasets.dataset t
          WHERE t.id <> s.id AND (t.keywords && s.keywords OR t.theme = s.theme OR t.publisher_id = s.publisher_id)
          ORDER BY "__score" DESC, t.modified DESC, t.id
          LIMIT $2) r`,
    [datasetIds, limit],
  );
  return groupByParent(
    datasetIds,
    rows,
    (row) => row.__source,
    ({ __source: _source, __shared, __theme, __publisher, __score, ...row }) => {
      const dataset = db.manager.create(Dataset, row as never);
      const reasons = [
        ...(__shared.length ? [`Shares keywords: ${__shared.join(', ')}`] : []),
        ...(__theme ? [`Same theme: ${dataset.theme}`] : []),
        ...(__publisher ? ['Same publisher'] : []),
      ];
      return { dataset, score: __score, reasons };
    },
  );
}
