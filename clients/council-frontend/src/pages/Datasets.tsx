import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { formatDate } from '../format';
import { graphql } from '../gql';
import type { DatasetFilters } from '../gql/graphql';
import { Problems } from '../problems';

const SEARCH = graphql(`
  query SearchDatasets($query: String, $filters: DatasetFilters, $after: String) {
    searchDatasets(query: $query, filters: $filters, first: 10, after: $after) {
      total
      nodes {
        id
        title
        theme
        licence
        modified
        publisher {
          id
          name
        }
        distributions {
          id
          format
          accessUrl
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      facets {
        themes {
          value
          count
        }
        publishers {
          count
          publisher {
            id
            name
          }
        }
        formats {
          value
          count
        }
        licences {
          value
          count
        }
      }
    }
  }
`);

type FacetKey = 'themes' | 'publisherIds' | 'formats' | 'licences';

function toggle(filters: DatasetFilters, key: FacetKey, value: string): DatasetFilters {
  const current = filters[key] ?? [];
  const next = current.includes(value) ? current.filter((each) => each !== value) : [...current, value];
  return { ...filters, [key]: next.length > 0 ? next : null };
}

/** Public open-data search, no sign-in: terms, facet filters and pages (the cursors of pages already seen are kept to go back). */
export function Datasets() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [filters, setFilters] = useState<DatasetFilters>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const { data, previousData, error, loading, refetch } = useQuery(SEARCH, { variables: { query, filters, after } });
  const result = (data ?? previousData)?.searchDatasets;
  const restart = (next: DatasetFilters) => {
    setFilters(next);
    setCursors([null]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim() || null);
    setCursors([null]);
  };
  const facet = (key: FacetKey, title: string, values: { value: string; label: string; count: number }[]) => (
    <fieldset key={key}>
      <legend>{title}</legend>
      {values.map(({ value, label, count }) => (
        <label key={value} className="facet">
          <input type="checkbox" checked={(filters[key] ?? []).includes(value)} onChange={() => restart(toggle(filters, key, value))} /> {label}{' '}
          <span className="muted">({count})</span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <section>
      <h1>Open data</h1>
      <form onSubmit={submit} className="inline-form" role="search">
        <label>
          Search datasets{' '}
          <input
            name="q"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder='e.g. hospital admissions, "school leavers", crime -domestic'
            size={50}
          />
        </label>
        <button type="submit">Search</button>
      </form>
      <Problems error={error} onRetry={() => void refetch()} />
      {result && (
        <div className="columns columns-facets">
          <aside data-testid="facets">
            {facet(
              'themes',
              'Theme',
              result.facets.themes.map((each) => ({ value: each.value, label: each.value, count: each.count })),
            )}
            {facet(
              'publisherIds',
              'Publisher',
              result.facets.publishers.map((each) => ({ value: each.publisher.id, label: each.publisher.name ?? each.publisher.id, count: each.count })),
            )}
            {facet(
              'formats',
              'Format',
              result.facets.formats.map((each) => ({ value: each.value, label: each.value, count: each.count })),
            )}
            {facet(
              'licences',
              'Licence',
              result.facets.licences.map((each) => ({ value: each.value, label: each.value, count: each.count })),
            )}
          </aside>
          <div>
            <p data-testid="dataset-total">
              {result.total} dataset{result.total === 1 ? '' : 's'} · page {cursors.length}
              {loading ? ' · loading…' : ''}
            </p>
            <ul className="cards" data-testid="datasets">
              {result.nodes.map((dataset) => (
                <li key={dataset.id} className="card">
                  <strong>{dataset.title}</strong>
                  <br />
                  <span className="muted">
                    {dataset.publisher?.name ?? 'Publisher not available'} · {dataset.theme} · updated {formatDate(dataset.modified)} · {dataset.licence}
                  </span>
                  <br />
                  {dataset.distributions.map((distribution) => (
                    <a key={distribution.id} href={distribution.accessUrl} className="pill">
                      {distribution.format}
                    </a>
                  ))}
                </li>
              ))}
            </ul>
            <p>
              <button type="button" disabled={!result.pageInfo.hasPreviousPage || loading} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous
              </button>{' '}
              <button
                type="button"
                disabled={!result.pageInfo.hasNextPage || loading}
                onClick={() => setCursors([...cursors, result.pageInfo.endCursor ?? null])}
              >
                Next
              </button>
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
