import { DATASET_THEMES, GEOGRAPHIES } from './catalogue';
import { seedId } from './ids';
import type { Queryable } from './progress';

const FREQUENCIES = ['ANNUAL', 'QUARTERLY', 'MONTHLY', 'ANNUAL', 'BIENNIAL'];

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** 300 datasets: ten statistics themes, six topics each, five geographies. */
export async function seedDatasetsSchema(db: Queryable): Promise<number> {
  const rows: Record<string, unknown>[] = [];
  const distributions: [string, string, string, string, string][] = [];
  let n = 0;
  for (const { theme, publisherKey, topics, keywords } of DATASET_THEMES) {
    for (const topic of topics) {
      for (const geography of GEOGRAPHIES) {
        n += 1;
        const title = `${topic} ${geography}`;
        const id = seedId('dataset', slug(title));
        rows.push({
          id,
          slug: slug(title),
          title,
          description: `${topic} in Scotland ${geography}, published as official statistics. Part of the ${theme.toLowerCase()} theme; figures are revised when source data change.`,
          keywords: [...keywords, topic.toLowerCase(), geography.replace(/^(by|for) /, '')],
          theme,
          publisherId: seedId('organisation', publisherKey),
          updateFrequency: FREQUENCIES[n % FREQUENCIES.length],
          issued: new Date(Date.UTC(2013 + (n % 9), n % 12, 1 + (n % 27))).toISOString(),
          modified: new Date(Date.UTC(2023 + (n % 3), (n * 5) % 12, 1 + (n % 27), n % 24)).toISOString(),
        });
        distributions.push([
          seedId('distribution', `${id}:csv`),
          id,
          `${title} (CSV)`,
          `https://statistics.gov.scot/downloads/cube-table?uri=${slug(title)}`,
          'CSV',
        ]);
        distributions.push([
          seedId('distribution', `${id}:sparql`),
          id,
          `${title} (linked data)`,
          `https://statistics.gov.scot/data/${slug(title)}`,
          'JSON-LD',
        ]);
      }
    }
  }
  const column = (key: string) => rows.map((row) => row[key]);
  await db.query(
    `INSERT INTO datasets.dataset (id, slug, title, description, keywords, theme, publisher_id, contact_name, contact_email, update_frequency, issued, modified)
     SELECT d.id, d.slug, d.title, d.description, string_to_array(d.keywords, '|'), d.theme, d.publisher_id,
            'Statistics team', 'statistics.enquiries@gov.scot', d.frequency, d.issued, d.modified
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::timestamptz[], $10::timestamptz[])
         AS d(id, slug, title, description, keywords, theme, publisher_id, frequency, issued, modified)`,
    [
      column('id'),
      column('slug'),
      column('title'),
      column('description'),
      rows.map((row) => (row.keywords as string[]).join('|')),
      column('theme'),
      column('publisherId'),
      column('updateFrequency'),
      column('issued'),
      column('modified'),
    ],
  );
  await db.query(
    `INSERT INTO datasets.distribution (id, dataset_id, title, access_url, format)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
    [0, 1, 2, 3, 4].map((i) => distributions.map((row) => row[i])),
  );
  return rows.length;
}
