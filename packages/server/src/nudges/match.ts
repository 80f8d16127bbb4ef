/**
 * Pattern matching for author-side nudges. Patterns come from administrators, so regular
 * expressions are checked before they are saved: they must compile, stay short, and avoid the
 * nested quantifiers that make backtracking explode on hostile text.
 */
export type NudgeKind = 'regex' | 'words' | 'iban';

const MAX_REGEX = 300;
/** A quantified group that itself contains a quantifier, e.g. (a+)+ or (\w*)*: catastrophic backtracking. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;
/** Backreferences can be exponential too. */
const BACKREFERENCE = /\\[1-9]/;

export function validatePattern(kind: NudgeKind, pattern: string): string | null {
  if (kind === 'iban') return null;
  if (kind === 'words') {
    const words = wordsOf(pattern);
    if (!words.length) return 'at least one word';
    if (words.length > 200 || words.some((w) => w.length > 60)) return 'at most 200 words of 60 characters';
    return null;
  }
  if (!pattern || pattern.length > MAX_REGEX) return `1 to ${MAX_REGEX} characters`;
  if (NESTED_QUANTIFIER.test(pattern) || BACKREFERENCE.test(pattern)) return 'nested quantifiers and backreferences are not allowed';
  try {
    new RegExp(pattern, 'iu');
  } catch {
    return 'not a valid regular expression';
  }
  return null;
}

const wordsOf = (pattern: string) =>
  pattern
    .split(/\n/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mod97IsOne(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/**
 * IBANs in the two ways people write them — compact (DE89370400440532013000) or in blocks of four
 * (DE89 3704 0044 0532 0130 00) — that also pass the ISO 13616 mod-97 check, so ordinary words and
 * numbers do not trigger the nudge.
 */
function hasIban(text: string): boolean {
  const tokens = text.toUpperCase().split(/[^A-Z0-9]+/);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(t) && mod97IsOne(t)) return true;
    if (!/^[A-Z]{2}\d{2}$/.test(t)) continue;
    let iban = t;
    for (let k = i + 1; k < tokens.length && k <= i + 8; k++) {
      const block = tokens[k];
      if (!/^[A-Z0-9]{1,4}$/.test(block)) break;
      iban += block;
      if (iban.length >= 15 && iban.length <= 34 && mod97IsOne(iban)) return true;
      if (block.length < 4) break;
    }
  }
  return false;
}

export function matches(kind: NudgeKind, pattern: string, text: string): boolean {
  if (kind === 'iban') return hasIban(text);
  if (kind === 'words') {
    const words = wordsOf(pattern);
    if (!words.length) return false;
    // Whole words in any script: letters and digits around a match must not continue it.
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'iu').test(text);
  }
  try {
    return new RegExp(pattern, 'iu').test(text);
  } catch {
    return false;
  }
}
