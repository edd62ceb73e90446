import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from './errors';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

function parsePence(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && INTEGER.test(value)) return value;
  throw badUserInput('Pence must be a whole number of pence, as a string of digits (e.g. "2500" for £25.00).');
}

/**
 * Money as a whole number of pence, serialised as a string of decimal digits.
 *
 * Why a string: GraphQL's Int is 32-bit, so £21,474,836.47 is the largest
 * amount it can hold, and ScotPayments' outbound total alone is over £22
 * million; JSON numbers lose exactness past 2^53 in JavaScript clients. Postgres
 * keeps amounts as `bigint` and sums them as `numeric`, which `pg` hands over as
 * strings, so the value is exact from the database to the browser. Inputs
 * accept the same string or, for convenience, a safe JSON integer.
 */
export const PenceScalar = new GraphQLScalarType<string, string>({
  name: 'Pence',
  description:
    'An amount of money in whole pence (GBP), as a string of decimal digits with an optional leading minus, e.g. "2200000000" for £22,000,000.00. A string, so totals never overflow.',
  serialize(value) {
    if (typeof value === 'bigint') return value.toString();
    return parsePence(value);
  },
  parseValue: parsePence,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parsePence(ast.value);
    throw badUserInput('Pence must be a string of digits or an integer.');
  },
});
