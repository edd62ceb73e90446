import { NAMESPACE_PREFIXES, type VariableName, concreteVariables } from './variables';

/**
 * Edit distance counting a swap of two neighbouring letters as one edit
 * (optimal string alignment), since NODE_EVN is one slip, not two.
 */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
};

/**
 * The known variable `name` most likely stands for. A name cut short
 * (RATE_LIMIT) means the shortest known name it begins (RATE_LIMIT_PER_MINUTE);
 * otherwise the fewest edits win, then the longest shared beginning.
 */
export function closestKnown(name: string): VariableName {
  const known = concreteVariables().map((variable) => variable.name);
  // A name cut short (RATE_LIMIT) most likely means the first declared of those it begins: a setting's main variable
  // is declared before its refinements (RATE_LIMIT_PER_MINUTE before RATE_LIMIT_CLIENTS).
  const truncated = known.filter((candidate) => candidate.startsWith(name));
  if (truncated.length > 0) return truncated[0];
  return known
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate), shared: commonPrefix(name, candidate) }))
    .sort((a, b) => a.distance - b.distance || b.shared - a.shared || a.candidate.localeCompare(b.candidate))[0].candidate;
}

/**
 * A name outside the namespace's prefixes that is still a slip of a known one
 * (PLAYGRUND): one edit in a name of five letters or more, two in one of ten
 * or more. Shorter names are left alone: HOME is two edits from HOST.
 */
function slipOf(name: string): boolean {
  const distance = editDistance(name, closestKnown(name));
  return (name.length >= 5 && distance <= 1) || (name.length >= 10 && distance <= 2);
}

export interface UnknownVariable {
  name: string;
  /** The known variable it most resembles. */
  closest: VariableName;
}

/**
 * Variables set in the graph's namespace (variables.ts) that the graph does
 * not read: almost always a misspelling, which would otherwise be silently
 * ignored and the default used.
 */
export function unknownVariables(env: Record<string, string | undefined>): UnknownVariable[] {
  const known = new Set<string>(concreteVariables().map((variable) => variable.name));
  return Object.keys(env)
    .filter((name) => env[name] !== undefined && !known.has(name))
    .filter((name) => NAMESPACE_PREFIXES.some((prefix) => name.startsWith(prefix)) || slipOf(name))
    .sort()
    .map((name) => ({ name, closest: closestKnown(name) }));
}

/** What was set, and what it resembles. */
export function describeUnknown(variable: UnknownVariable): string {
  return `${variable.name} is not a variable the graph reads: did you mean ${variable.closest}?`;
}
