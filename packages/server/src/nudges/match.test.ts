import { describe, it, expect } from 'vitest';
import { matches, validatePattern } from './match.js';

describe('nudge patterns', () => {
  it('finds valid IBANs compact or in blocks, and not look-alikes', () => {
    expect(matches('iban', '', 'Bitte auf DE89 3704 0044 0532 0130 00 überweisen')).toBe(true);
    expect(matches('iban', '', 'account GB82WEST12345698765432.')).toBe(true);
    expect(matches('iban', '', 'de89370400440532013000')).toBe(true);
    expect(matches('iban', '', 'DE89 3704 0044 0532 0130 01')).toBe(false); // checksum fails
    expect(matches('iban', '', 'Room DE12 on floor 4, ticket AB12CDEFGHIJKLMNOP')).toBe(false);
  });

  it('matches whole words and phrases in any case, not inside other words', () => {
    const words = 'vertraulich\nstreng vertraulich\nsalary';
    expect(matches('words', words, 'Dieses Dokument ist VERTRAULICH.')).toBe(true);
    expect(matches('words', words, 'Die Salary-Bänder für 2027')).toBe(true);
    expect(matches('words', words, 'Vertraulichkeit ist wichtig')).toBe(false);
    expect(matches('words', words, 'a (salaryman) joke')).toBe(false);
    expect(matches('words', 'c++', 'we use C++ here')).toBe(true);
  });

  it('refuses regular expressions that could backtrack without end, and broken ones', () => {
    expect(validatePattern('regex', 'Projekt (Polaris|Zeta)')).toBeNull();
    expect(validatePattern('regex', '(a+)+$')).not.toBeNull();
    expect(validatePattern('regex', '(\\w*)*x')).not.toBeNull();
    expect(validatePattern('regex', '(x|y){2,}(z+){3}')).not.toBeNull();
    expect(validatePattern('regex', '(a)\\1')).not.toBeNull();
    expect(validatePattern('regex', '([unclosed')).not.toBeNull();
    expect(validatePattern('regex', 'x'.repeat(301))).not.toBeNull();
    expect(validatePattern('words', '\n \n')).not.toBeNull();
    expect(matches('regex', 'projekt (polaris|zeta)', 'Kickoff für Projekt Polaris')).toBe(true);
  });
});
