/**
 * Turns a GraphQL result into tables an analyst can sort, chart and download:
 * every list of objects in the answer (`nodes` of a connection, a plain list,
 * each list of an object of lists such as search facets) is one table, with
 * nested objects flattened into dotted columns (`publisher.name`). Pure
 * functions, no DOM: the browser panel draws them and the tests check them.
 */

export type Cell = string | number | boolean | null;

export interface Table {
  /** Where the list is in the answer, e.g. `searchDatasets.nodes`. */
  path: string;
  columns: string[];
  rows: Record<string, Cell>[];
  /** Rows whose counts were withheld (`suppressed: true`): their null counts mean "1 to 9", not "none". */
  suppressedRows: Set<number>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One row: nested objects become dotted columns; lists inside a row are joined, scalars as they are. */
function flatten(value: Record<string, unknown>, prefix = '', into: Record<string, Cell> = {}): Record<string, Cell> {
  for (const [key, field] of Object.entries(value)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(field)) flatten(field, column, into);
    else if (Array.isArray(field)) into[column] = field.map((item) => (isPlainObject(item) ? JSON.stringify(item) : String(item))).join('; ');
    else into[column] = field as Cell;
  }
  return into;
}

/** Every list of objects in `data`, outermost first. */
export function tablesOf(data: unknown): Table[] {
  const tables: Table[] = [];
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every(isPlainObject)) {
        const rows = value.map((item) => flatten(item));
        const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
        const suppressedRows = new Set(value.flatMap((item, index) => (item.suppressed === true ? [index] : [])));
        tables.push({ path, columns, rows, suppressedRows });
      }
      return;
    }
    if (isPlainObject(value)) for (const [key, field] of Object.entries(value)) visit(field, path ? `${path}.${key}` : key);
  };
  visit(data, '');
  return tables;
}

/** Sorts rows by one column: numbers as numbers (Pence strings of digits too), then text; nulls last either way. */
export function sortRows(rows: Record<string, Cell>[], column: string, direction: 'asc' | 'desc'): Record<string, Cell>[] {
  const numeric = (cell: Cell) => (typeof cell === 'number' ? cell : typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : null);
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[column] ?? null;
    const y = b[column] ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const [m, n] = [numeric(x), numeric(y)];
    if (m !== null && n !== null) return (m - n) * sign;
    return String(x).localeCompare(String(y), 'en-GB') * sign;
  });
}

/** Columns whose every non-null value is a number (or a string of digits, such as Pence): what a chart can plot. */
export function numericColumns(table: Table): string[] {
  return table.columns.filter((column) => {
    const values = table.rows.map((row) => row[column]).filter((cell) => cell !== null && cell !== undefined);
    return values.length > 0 && values.every((cell) => typeof cell === 'number' || (typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell)));
  });
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); a leading ' makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  let text = String(cell);
  if (typeof cell === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields with commas, quotes or
 * line breaks quoted, quotes doubled; text that a spreadsheet would run as a
 * formula is prefixed with '. A byte-order mark first, so spreadsheet programs
 * read it as UTF-8 (Gàidhlig names, £).
 */
export function toCsv(table: Pick<Table, 'columns' | 'rows'>): string {
  const lines = [table.columns.map(csvField).join(','), ...table.rows.map((row) => table.columns.map((column) => csvField(row[column])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
