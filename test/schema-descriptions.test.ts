import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describedParts } from './support/descriptions';

describe('schema/api.graphql', () => {
  it('describes every type, field, argument and enum value', () => {
    const parts = describedParts(readFileSync(path.join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'));
    expect(parts.length).toBeGreaterThan(300);
    expect(parts.filter((part) => !part.described).map((part) => part.part)).toEqual([]);
  });
});
