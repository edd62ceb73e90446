import type { DataSource } from 'typeorm';
import { type Viewer, requireActsFor } from '../shared/auth';
import { badUserInput } from '../shared/errors';
import { selectColumns } from '../shared/rows';
import { requireText, requireUuid } from '../shared/validation';
import { PayeeCheck, PayeeCheckOutcome } from './entities/payee-check';
import type { CheckPayeeInput } from './inputs';

/**
 * Confirmation of Payee name matching, done on the payee records the
 * payments schema holds. The rules, in order:
 *
 * 1. Both names are normalised: accents removed, lower case, "&" read as
 *    "and", apostrophes and full stops dropped, hyphens and other punctuation
 *    read as spaces; titles (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Sir, Dame, Rev,
 *    Revd, Lord, Lady) and suffixes (Jr, Sr, Esq, II, III) are removed, and
 *    "Ltd" is read as "Limited".
 * 2. The same words in the same order: MATCH.
 * 3. CLOSE_MATCH, returning the name actually held, when
 *    a. the same words stand in another order ("Smith John");
 *    b. the family names agree and each given name offered is the held one,
 *       its initial, or left out, in order ("J Smith", "John Smith" for
 *       "John Alan Smith");
 *    c. the whole names differ by at most two letters (a typing slip:
 *       "Jon Smith", "John Smyth"), for names of six letters or more.
 * 4. Anything else: NO_MATCH.
 */
export type NameMatch = 'MATCH' | 'CLOSE_MATCH' | 'NO_MATCH';

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'revd', 'lord', 'lady']);
const SUFFIXES = new Set(['jr', 'sr', 'esq', 'ii', 'iii']);
const SYNONYMS: Record<string, string> = { ltd: 'limited' };

export function normaliseName(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0 && !TITLES.has(word) && !SUFFIXES.has(word))
    .map((word) => SYNONYMS[word] ?? word);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Each offered given name is the held one or its initial, in order; held names may be skipped. */
function givenNamesFit(offered: string[], held: string[]): boolean {
  let h = 0;
  for (const word of offered) {
    while (h < held.length && !(held[h] === word || (word.length === 1 && held[h].startsWith(word)))) h++;
    if (h === held.length) return false;
    h++;
  }
  return true;
}

export function matchName(offeredName: string, heldName: string): NameMatch {
  const offered = normaliseName(offeredName);
  const held = normaliseName(heldName);
  if (offered.length === 0) return 'NO_MATCH';
  if (offered.join(' ') === held.join(' ')) return 'MATCH';
  if ([...offered].sort().join(' ') === [...held].sort().join(' ')) return 'CLOSE_MATCH';
  if (offered.length >= 2 && held.length >= 2 && offered.at(-1) === held.at(-1) && givenNamesFit(offered.slice(0, -1), held.slice(0, -1))) {
    return 'CLOSE_MATCH';
  }
  const a = offered.join(' ');
  const b = held.join(' ');
  if (Math.min(a.length, b.length) >= 6 && editDistance(a, b) <= 2) return 'CLOSE_MATCH';
  return 'NO_MATCH';
}

const SORT_CODE = /^[0-9]{6}$/;
const ACCOUNT_NUMBER = /^[0-9]{8}$/;

/**
 * Checks a payee and records the check: UNAVAILABLE when the sort code's bank
 * is not in the scheme; NO_MATCH when no such account is held or the name
 * does not match; ACCOUNT_TYPE_MISMATCH when the name matches but the type
 * does not; otherwise MATCH or CLOSE_MATCH. Only the last four digits of the
 * account number are kept.
 */
export async function checkPayee(db: DataSource, viewer: Viewer, input: CheckPayeeInput): Promise<PayeeCheck> {
  const organisationId = requireUuid(input.organisationId, 'organisationId');
  requireActsFor(viewer, organisationId);
  const name = requireText(input.name, 'name', 140);
  const sortCode = input.sortCode.replace(/[\s-]/g, '');
  if (!SORT_CODE.test(sortCode)) throw badUserInput('`sortCode` must be six digits.', 'sortCode');
  if (!ACCOUNT_NUMBER.test(input.accountNumber)) throw badUserInput('`accountNumber` must be eight digits.', 'accountNumber');

  let outcome = PayeeCheckOutcome.UNAVAILABLE;
  let matchedName: string | null = null;
  const [bank] = await db.query(`SELECT cop_participant FROM payments.bank WHERE sort_code_prefix = $1`, [sortCode.slice(0, 2)]);
  if (bank?.cop_participant) {
    const [payee] = await db.query(`SELECT name, account_type FROM payments.payee WHERE sort_code = $1 AND account_number = $2`, [
      sortCode,
      input.accountNumber,
    ]);
    const match = payee ? matchName(name, payee.name) : 'NO_MATCH';
    if (match === 'NO_MATCH') outcome = PayeeCheckOutcome.NO_MATCH;
    else if (payee.account_type !== input.accountType) outcome = PayeeCheckOutcome.ACCOUNT_TYPE_MISMATCH;
    else outcome = match === 'MATCH' ? PayeeCheckOutcome.MATCH : PayeeCheckOutcome.CLOSE_MATCH;
    if (outcome === PayeeCheckOutcome.CLOSE_MATCH || outcome === PayeeCheckOutcome.ACCOUNT_TYPE_MISMATCH) matchedName = payee.name;
  }
  const meta = db.getMetadata(PayeeCheck);
  const [row] = await db.query(
    `INSERT INTO payments.payee_check (organisation_id, name_given, account_type, sort_code, account_number, outcome, matched_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${selectColumns(meta, 'payee_check')}`,
    [organisationId, name, input.accountType, sortCode, `****${input.accountNumber.slice(-4)}`, outcome, matchedName],
  );
  return db.manager.create(PayeeCheck, row);
}
