/**
 * "Results table": the last answer's lists as sortable tables, withheld counts
 * marked, a CSV download of the whole list, and a bar or line chart of one
 * numeric column by one label column (Chart.js, bundled; no CDN).
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { lastResult, onResult } from './last-result';
import { type Cell, numericColumns, sortRows, tablesOf, toCsv } from './results';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

function download(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

// A withheld count is a gap in the chart, never a zero.
function ChartView({ labels, values, kind }: { labels: string[]; values: (number | null)[]; kind: 'bar' | 'line' }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: kind,
      data: { labels, datasets: [{ data: values, backgroundColor: '#0065bd', borderColor: '#0065bd' }] },
      options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
    return () => chart.destroy();
  }, [labels, values, kind]);
  return <canvas ref={canvas} aria-label="chart of the selected column" role="img" />;
}

function shown(cell: Cell | undefined, suppressed: boolean): { text: string; title?: string; className?: string } {
  if (cell === null || cell === undefined) {
    return suppressed
      ? { text: '1–9', title: 'Suppressed: a count from 1 to 9, withheld to protect individuals', className: 'suppressed' }
      : { text: '—', className: 'null' };
  }
  return { text: String(cell) };
}

export function ResultsPanel() {
  const last = useSyncExternalStore(onResult, lastResult);
  const tables = useMemo(() => tablesOf(last?.result.data), [last]);
  const [chosen, setChosen] = useState(0);
  const [sort, setSort] = useState<{ column: string; direction: 'asc' | 'desc' } | null>(null);
  const [chart, setChart] = useState<{ label: string; value: string; kind: 'bar' | 'line' } | null>(null);
  const table = tables[Math.min(chosen, tables.length - 1)];
  if (!table)
    return (
      <p className="playground-panel-note">
        Run an operation whose answer holds a list (of datasets, payments, aggregates, facets…) to see it here as a table.
      </p>
    );

  // Each row keeps its place in the answer under a key no column can have, so sorting keeps its suppression mark.
  const indexed: Record<string, Cell>[] = table.rows.map((row, index) => ({ ...row, '\u0000index': index }));
  const rows = sort ? sortRows(indexed, sort.column, sort.direction) : indexed;
  const numbers = numericColumns(table);
  const labelColumns = table.columns.filter((column) => !numbers.includes(column));
  const plotted = chart ?? (numbers.length && labelColumns.length ? { label: labelColumns[0], value: numbers[0], kind: 'bar' as const } : null);

  return (
    <div className="playground-results">
      <div className="playground-results-bar">
        {tables.length > 1 && (
          <select aria-label="list" value={chosen} onChange={(event) => (setChosen(Number(event.target.value)), setSort(null), setChart(null))}>
            {tables.map((candidate, index) => (
              <option key={candidate.path} value={index}>
                {candidate.path || '(answer)'} ({candidate.rows.length})
              </option>
            ))}
          </select>
        )}
        <span className="playground-results-count">
          {table.rows.length} rows{table.suppressedRows.size ? `, ${table.suppressedRows.size} with counts withheld` : ''}
        </span>
        <button
          type="button"
          className="graphiql-button"
          onClick={() => download(`${last?.operationName ?? 'result'}-${table.path.replace(/\W+/g, '-') || 'list'}.csv`, toCsv(table))}
        >
          Download CSV
        </button>
      </div>
      <div className="playground-table-scroll">
        <table className="playground-table">
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column} aria-sort={sort?.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" onClick={() => setSort({ column, direction: sort?.column === column && sort.direction === 'asc' ? 'desc' : 'asc' })}>
                    {column} {sort?.column === column ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const index = row['\u0000index'] as number;
              return (
                <tr key={index}>
                  {table.columns.map((column) => {
                    const cell = shown(row[column], table.suppressedRows.has(index));
                    return (
                      <td key={column} title={cell.title} className={cell.className}>
                        {cell.text}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {plotted && (
        <div className="playground-chart">
          <div className="playground-results-bar">
            <label>
              Chart{' '}
              <select aria-label="chart value" value={plotted.value} onChange={(event) => setChart({ ...plotted, value: event.target.value })}>
                {numbers.map((column) => (
                  <option key={column}>{column}</option>
                ))}
              </select>
            </label>
            <label>
              by{' '}
              <select aria-label="chart label" value={plotted.label} onChange={(event) => setChart({ ...plotted, label: event.target.value })}>
                {labelColumns.map((column) => (
                  <option key={column}>{column}</option>
                ))}
              </select>
            </label>
            <select aria-label="chart kind" value={plotted.kind} onChange={(event) => setChart({ ...plotted, kind: event.target.value as 'bar' | 'line' })}>
              <option value="bar">bar</option>
              <option value="line">line</option>
            </select>
          </div>
          <ChartView
            kind={plotted.kind}
            labels={rows.map((row) => String(row[plotted.label] ?? '—'))}
            values={rows.map((row) => (row[plotted.value] === null || row[plotted.value] === undefined ? null : Number(row[plotted.value])))}
          />
        </div>
      )}
    </div>
  );
}
