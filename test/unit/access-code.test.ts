import {
  CODE_ALPHABET,
  CODE_ENTROPY_BITS,
  formatAccessCode,
  generateAccessCode,
  hashAccessCode,
  normalizeAccessCode,
} from '../../shared/domain/access-code';

describe('parent access codes', () => {
  test('carry at least 60 bits from an unambiguous alphabet', () => {
    expect(CODE_ENTROPY_BITS).toBeGreaterThanOrEqual(60);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
  });

  test('are 12 symbols of that alphabet and do not repeat', () => {
    const codes = Array.from({ length: 20000 }, generateAccessCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test('use every symbol in every position about equally (no bias)', () => {
    const n = 32000;
    const counts = Array.from({ length: 12 }, () => new Map<string, number>());
    for (let i = 0; i < n; i++) {
      [...generateAccessCode()].forEach((ch, pos) => counts[pos]!.set(ch, (counts[pos]!.get(ch) ?? 0) + 1));
    }
    for (const position of counts) {
      expect(position.size).toBe(32);
      // Expected 1000 each; 5 standard deviations (~±160) is far outside chance.
      for (const count of position.values()) expect(Math.abs(count - n / 32)).toBeLessThan(160);
    }
  });

  test('display grouped in fours', () => {
    expect(formatAccessCode('ABCD0123WXYZ')).toBe('ABCD-0123-WXYZ');
  });

  test.each([
    ['abcd-0123-wxyz', 'ABCD0123WXYZ'],
    ['ABCD 0123 WXYZ', 'ABCD0123WXYZ'],
    [' abcd0123wxyz ', 'ABCD0123WXYZ'],
    ['ABCD-O123-WXYZ', 'ABCD0123WXYZ'], // letter O read as zero
    ['ABCD-0l23-WXYZ', 'ABCD0123WXYZ'], // l and I read as one
    ['ABCD-0I23-WXYZ', 'ABCD0123WXYZ'],
  ])('accept %j as typed', (typed, canonical) => {
    expect(normalizeAccessCode(typed)).toBe(canonical);
  });

  test.each(['', 'ABCD-0123', 'ABCD-0123-WXYZ-0', 'ABCD-0123-WXYU', 'ABCD_0123_WXYZ', 'ÄBCD-0123-WXYZ'])(
    'refuse %j as not a code',
    (typed) => {
      expect(normalizeAccessCode(typed)).toBeUndefined();
    },
  );

  test('hash with a key: same code, different pepper, different lookup key', () => {
    const code = generateAccessCode();
    const a = hashAccessCode(code, 'pepper-a'.repeat(4));
    expect(a).toBe(hashAccessCode(code, 'pepper-a'.repeat(4)));
    expect(a).not.toBe(hashAccessCode(code, 'pepper-b'.repeat(4)));
    expect(a).not.toContain(code);
  });
});
