import { summariseRepeatedErrors } from '../gateway/error-summary';

const refused = (path: (string | number)[], code = 'FORBIDDEN', message = 'You may not see or change this.') => ({ message, path, extensions: { code } });

describe('summariseRepeatedErrors', () => {
  it('folds one refusal repeated across a list into its first error, with the count and every path', () => {
    const errors = [refused(['a', 0, 'b']), refused(['x']), refused(['a', 1, 'b']), refused(['a', 2, 'b'])];
    expect(summariseRepeatedErrors(errors)).toEqual([
      {
        ...refused(['a', 0, 'b']),
        extensions: {
          code: 'FORBIDDEN',
          count: 3,
          paths: [
            ['a', 0, 'b'],
            ['a', 1, 'b'],
            ['a', 2, 'b'],
          ],
        },
      },
      refused(['x']),
    ]);
  });

  it('never merges errors of another code, message or field, nor errors outside lists', () => {
    const errors = [
      refused(['a', 0, 'b']),
      refused(['a', 1, 'b'], 'SERVICE_UNAVAILABLE'),
      refused(['a', 2, 'b'], 'FORBIDDEN', 'Another reason.'),
      refused(['a', 3, 'c']),
      refused(['p']),
      refused(['p']),
    ];
    expect(summariseRepeatedErrors(errors)).toEqual(errors);
  });
});
