import { matchName, normaliseName } from './confirmation-of-payee';

describe('Confirmation of Payee name matching', () => {
  it.each([
    // offered, held, outcome
    ['John Smith', 'John Smith', 'MATCH'],
    ['JOHN SMITH', 'john smith', 'MATCH'],
    ['Mr John Smith', 'John Smith', 'MATCH'],
    ["Dr. Mhairi O'Neill", 'Mhairi ONeill', 'MATCH'],
    ['Seónaidh MacLeod', 'Seonaidh MacLeod', 'MATCH'],
    ['Fife Foodbank & Co', 'Fife Foodbank and Co', 'MATCH'],
    ['Highland Home Care Limited', 'Highland Home Care Ltd', 'MATCH'],
    ['Anne Smith-Jones', 'Anne Smith Jones', 'MATCH'],
    ['Smith John', 'John Smith', 'CLOSE_MATCH'],
    ['J Smith', 'John Smith', 'CLOSE_MATCH'],
    ['J A Smith', 'John Alan Smith', 'CLOSE_MATCH'],
    ['John Smith', 'John Alan Smith', 'CLOSE_MATCH'],
    ['Jon Smith', 'John Smith', 'CLOSE_MATCH'],
    ['John Smyth', 'John Smith', 'CLOSE_MATCH'],
    ['Jane Smith', 'John Smith', 'NO_MATCH'],
    ['K Smith', 'John Smith', 'NO_MATCH'],
    ['John Brown', 'John Smith', 'NO_MATCH'],
    ['A B', 'A C', 'NO_MATCH'],
    ['Mr', 'John Smith', 'NO_MATCH'],
    ['Clyde Community Transport', 'Clyde Community Trust', 'NO_MATCH'],
  ])('%s against %s: %s', (offered, held, outcome) => {
    expect(matchName(offered, held)).toBe(outcome);
  });

  it('normalises titles, suffixes, punctuation and accents away', () => {
    expect(normaliseName('  Rev. Dr  Ùisdean   MacAoidh Jr. ')).toEqual(['uisdean', 'macaoidh']);
  });
});
