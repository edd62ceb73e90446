/**
 * Just enough PromQL to find what an expression reads: each series selector,
 * its metric name and its label matchers. Not a parser of the language: it
 * skips strings, ranges, numbers, functions, aggregations and the label lists
 * of `by`, `without`, `on`, `ignoring` and `group_left/right`, and takes any
 * other name for a metric.
 */
export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Selector {
  metric: string;
  matchers: Matcher[];
}

type Token = { kind: 'name' | 'string' | 'number' | 'punct' | 'op' | 'variable'; text: string };

const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan']);

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const patterns: [Token['kind'], RegExp][] = [
    ['string', /^"(?:[^"\\]|\\.)*"|^'(?:[^'\\]|\\.)*'|^`[^`]*`/],
    ['variable', /^\$\{[^}]+\}|^\$[A-Za-z_][A-Za-z0-9_]*/],
    ['number', /^(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?:ms|s|m|h|d|w|y)?(?:\d+(?:ms|s|m|h|d|w|y))*/i],
    ['name', /^[A-Za-z_:][A-Za-z0-9_:]*/],
    ['op', /^(?:=~|!~|!=|==|>=|<=|[-+*/%^<>=])/],
    ['punct', /^[(){}[\],]/],
  ];
  let rest = expression;
  while ((rest = rest.replace(/^\s+/, '')).length > 0) {
    const match = patterns.map(([kind, pattern]) => ({ kind, found: pattern.exec(rest) })).find(({ found }) => found);
    if (!match?.found) throw new Error(`Cannot read PromQL at: ${rest.slice(0, 40)}`);
    tokens.push({ kind: match.kind, text: match.found[0] });
    rest = rest.slice(match.found[0].length);
  }
  return tokens;
}

/** The index after the group that opens at `start` (a `(`, `[` or `{`). */
function closing(tokens: Token[], start: number): number {
  const open = tokens[start].text;
  const close = { '(': ')', '[': ']', '{': '}' }[open]!;
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    if (tokens[i].text === open) depth++;
    if (tokens[i].text === close && --depth === 0) return i + 1;
  }
  throw new Error(`Unbalanced ${open} in PromQL`);
}

function unquote(text: string): string {
  return text.startsWith('`') ? text.slice(1, -1) : (JSON.parse(text.startsWith("'") ? `"${text.slice(1, -1).replace(/"/g, '\\"')}"` : text) as string);
}

/** Every series selector in `expression`. */
export function selectors(expression: string): Selector[] {
  const tokens = tokenize(expression);
  const found: Selector[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text === '[') {
      i = closing(tokens, i) - 1;
      continue;
    }
    if (token.kind !== 'name') continue;
    const next = tokens[i + 1]?.text;
    if (LABEL_LISTS.has(token.text)) {
      if (next === '(') i = closing(tokens, i + 1) - 1;
      continue;
    }
    if (KEYWORDS.has(token.text) || AGGREGATIONS.has(token.text) || next === '(') continue;
    const selector: Selector = { metric: token.text, matchers: [] };
    if (next === '{') {
      const end = closing(tokens, i + 1);
      for (let j = i + 2; j < end - 1; j++) {
        if (tokens[j].text === ',') continue;
        const [label, op, value] = [tokens[j], tokens[j + 1], tokens[j + 2]];
        if (label.kind !== 'name' || op.kind !== 'op' || value.kind !== 'string') throw new Error(`Cannot read the matcher at ${label.text} in ${expression}`);
        selector.matchers.push({ label: label.text, op: op.text as Matcher['op'], value: unquote(value.text) });
        j += 2;
      }
      i = end - 1;
    }
    found.push(selector);
  }
  return found;
}
