import { Kind } from 'graphql';
import { decodeCursor, encodeCursor, pageWindow, toPage } from './pagination';
import { PenceScalar } from './scalars';

describe('Pence', () => {
  it('carries totals beyond 32 and 53 bits exactly, as strings', () => {
    expect(PenceScalar.serialize('2200000000')).toBe('2200000000'); // £22 million: over GraphQL Int's 2,147,483,647
    expect(PenceScalar.serialize(9007199254740993n)).toBe('9007199254740993'); // past Number.MAX_SAFE_INTEGER
    expect(PenceScalar.parseLiteral({ kind: Kind.INT, value: '9007199254740993' })).toBe('9007199254740993');
    expect(PenceScalar.parseValue(2500)).toBe('2500');
  });

  it.each([['12.50'], ['1e6'], [''], [12.5], [true], ['0x10']])('refuses %p with BAD_USER_INPUT', (value) => {
    expect(() => PenceScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });
});

describe('cursor paging', () => {
  it('round-trips a cursor', () => {
    const cursor = { key: '2024-01-01T00:00:00.000Z', id: '7d5f3f9e-0000-4000-8000-000000000000' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([['not-base64!'], [Buffer.from('{"a":1}').toString('base64url')], [Buffer.from('[1,2]').toString('base64url')]])(
    'refuses a cursor it did not issue: %s',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }));
    },
  );

  it.each([0, -1, 1001, 1.5])('refuses first = %p', (first) => {
    expect(() => pageWindow({ first })).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } }));
  });

  it('uses the extra row only to tell that more follow', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toPage(rows, 2, (row) => ({ key: row.id, id: row.id }));
    expect(page.nodes).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor({ key: 'a', id: 'a' }),
      endCursor: encodeCursor({ key: 'b', id: 'b' }),
    });
    expect(toPage([], 2, (row: { id: string }) => ({ key: row.id, id: row.id }), true).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
    expect(toPage(rows, 3, (row) => ({ key: row.id, id: row.id })).pageInfo.hasNextPage).toBe(false);
  });
});
