import type { DataSource } from 'typeorm';
import { badUserInput } from '../shared/errors';
import { refOf } from '../shared/references';
import { selectColumns } from '../shared/rows';
import { isUuid } from '../shared/validation';
import { Dataset } from './entities/dataset';
import type { DatasetFacets } from './entities/dataset-facets';
import { type DatasetFilters, DatasetSort } from './inputs';

export const MAX_QUERY_LENGTH = 200;

export interface SearchRequest {
  query: string | null;
  filters: DatasetFilters;
  sort: DatasetSort;
  limit: number;
  offset: number;
}

const PLAIN_WORDS = /^[\p{L}\p{N}\s]+$/u;

/**
 * The match condition. Plain words match with English stemming, the last one
 * also as a prefix (so "bus passeng" finds "bus passengers" while typing);
 * anything else goes through websearch_to_tsquery, which understands
 * "quoted phrases" and -exclusions and never raises a syntax error.
 */
function matchCondition(text: string, params: unknown[]): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (PLAIN_WORDS.test(text) && words.length > 0) {
    const last = words.pop()!;
    params.push(`${last.toLowerCase()}:*`);
    const prefix = `to_tsquery('english', $${params.length})`;
    if (words.length === 0) return prefix;
    params.push(words.join(' '));
    return `(websearch_to_tsquery('english', $${params.length}) && ${prefix})`;
  }
  params.push(text);
  return `websearch_to_tsquery('english', $${params.length})`;
}

function whereClause(request: SearchRequest, params: unknown[]): { where: string; rank: string | null } {
  const conditions: string[] = [];
  let rank: string | null = null;
  if (request.query) {
    const q = matchCondition(request.query, params);
    conditions.push(`t.search @@ ${q}`);
    rank = `ts_rank_cd(t.search, ${q})`;
  }
  const { themes, publisherIds, formats, licences, updatedSince } = request.filters;
  if (themes?.length) conditions.push(`t.theme = ANY($${params.push(themes)})`);
  if (publisherIds?.length) conditions.push(`t.publisher_id = ANY($${params.push(publisherIds)}::uuid[])`);
  if (licences?.length) conditions.push(`t.licence = ANY($${params.push(licences)})`);
  if (formats?.length) conditions.push(`EXISTS (SELECT 1 FROM datasets.distribution d WHERE d.dataset_id = t.id AND d.format = ANY($${params.push(formats)}))`);
  if (updatedSince) conditions.push(`t.modified >= $${params.push(updatedSince)}`);
  return { where: conditions.length ? conditions.join(' AND ') : 'true', rank };
}

export function validateSearch(
  query: string | null | undefined,
  filters: DatasetFilters | null | undefined,
): { query: string | null; filters: DatasetFilters } {
  const text = query?.trim() ?? '';
  if (text.length > MAX_QUERY_LENGTH) throw badUserInput(`\`query\` must be at most ${MAX_QUERY_LENGTH} characters.`, 'query');
  for (const id of filters?.publisherIds ?? []) {
    if (!isUuid(id)) throw badUserInput('`filters.publisherIds` must hold organisation ids.', 'filters');
  }
  return { query: text.length ? text : null, filters: filters ?? {} };
}

export async function searchPage(db: DataSource, request: SearchRequest): Promise<Dataset[]> {
  const params: unknown[] = [];
  const { where, rank } = whereClause(request, params);
  const order =
    request.sort === DatasetSort.TITLE
      ? 't.title, t.id'
      : request.sort === DatasetSort.RELEVANCE && rank
        ? `${rank} DESC, t.modified DESC, t.id`
        : 't.modified DESC, t.id';
  const rows = await db.query(
    `SELECT ${selectColumns(db.getMetadata(Dataset), 't')} FROM datasets.dataset t WHERE ${where}
      ORDER BY ${order} LIMIT $${params.push(request.limit)} OFFSET $${params.push(request.offset)}`,
    params,
  );
  return rows.map((row: object) => db.manager.create(Dataset, row));
}

/** The total and every facet over the whole match set, in one statement. */
export async function searchFacets(db: DataSource, request: SearchRequest): Promise<{ total: number; facets: DatasetFacets }> {
  const params: unknown[] = [];
  const { where } = whereClause(request, params);
  const rows: { facet: string; value: string | null; count: number }[] = await db.query(
    `WITH matched AS (SELECT t.id, t.theme, t.publisher_id, t.licence FROM datasets.dataset t WHERE ${where})
     SELECT 'total' AS facet, NULL AS value, count(*)::int AS count FROM matched
     UNION ALL SELECT 'theme', theme, count(*)::int FROM matched GROUP BY theme
     UNION ALL SELECT 'publisher', publisher_id::text, count(*)::int FROM matched GROUP BY publisher_id
     UNION ALL SELECT 'licence', licence, count(*)::int FROM matched GROUP BY licence
     UNION ALL SELECT 'format', d.format, count(DISTINCT d.dataset_id)::int FROM matched m JOIN datasets.distribution d ON d.dataset_id = m.id GROUP BY d.format`,
    params,
  );
  const of = (facet: string) =>
    rows
      .filter((row) => row.facet === facet)
      .map((row) => ({ value: row.value!, count: row.count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return {
    total: rows.find((row) => row.facet === 'total')?.count ?? 0,
    facets: {
      themes: of('theme'),
      publishers: of('publisher').map(({ value, count }) => ({ publisher: refOf(value), count })),
      formats: of('format'),
      licences: of('licence'),
    },
  };
}
