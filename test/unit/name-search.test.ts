import {
  candidateOf,
  matchesName,
  MAX_INDEX_QUERIES,
  MAX_QUERY_WORDS,
  mergeNameMatches,
  nameQueryProblem,
  parseNameQuery,
  planNameSearch,
  startsAWord,
  type NameQuery,
  type PrefixQuery,
  type PrefixResult,
} from '../../shared/domain/name-search';
import { ValidationError } from '../../shared/domain/errors';
import { firstNameOrderKey, foldName, nameOrderKey } from '../../shared/domain/names';

/** People as the two indexes hold them. */
const people = [
  { id: 'rosa', firstName: 'Rosa', lastName: 'Abbiatici' },
  { id: 'giulia', firstName: 'Giulia', lastName: 'Abbiatici' },
  { id: 'maria', firstName: 'María', lastName: 'de la Cruz' },
  { id: 'chloe', firstName: 'Chloé', lastName: 'Martin' },
  { id: 'sean', firstName: 'Seán', lastName: "O'Brien-Smith" },
  { id: 'mary', firstName: 'Mary Ann', lastName: 'Smith' },
  { id: 'dean', firstName: 'Dean', lastName: 'Delacroix' },
  { id: 'mariana', firstName: 'Mariana', lastName: 'Alves' },
];
const folded = (p: (typeof people)[number]) => ({ firstName: foldName(p.firstName), lastName: foldName(p.lastName) });

/** Runs a plan against the people in memory, as DynamoDB would (begins_with on each index, a bound on items). */
function run(plan: PrefixQuery[], bound = 100): PrefixResult[] {
  const byLast = people.map((p) => nameOrderKey(p.lastName, p.firstName, p.id)).sort();
  const byFirst = people.map((p) => firstNameOrderKey(p.firstName, p.lastName, p.id)).sort();
  return plan.map((query) => {
    const hits = (query.index === 'last' ? byLast : byFirst).filter((key) => key.startsWith(query.prefix));
    return { query, keys: hits.slice(0, bound), truncated: hits.length > bound };
  });
}
const search = (q: string, bound?: number) => {
  const query = parseNameQuery(q);
  return mergeNameMatches(query, run(planNameSearch(query), bound));
};
const found = (q: string) => search(q).matches.map((m) => m.id);

describe('a query is folded and cut into words', () => {
  test('case, accents, spaces and a comma for "last, first"', () => {
    expect(parseNameQuery('  ROSA   Abbiatici ')).toEqual({ kind: 'any-order', words: ['rosa', 'abbiatici'] });
    expect(parseNameQuery('Abbiatici, Rosa')).toEqual({ kind: 'last-first', lastWords: ['abbiatici'], firstWords: ['rosa'] });
    expect(parseNameQuery('de la Cruz,María')).toEqual({ kind: 'last-first', lastWords: ['de', 'la', 'cruz'], firstWords: ['maria'] });
    expect(parseNameQuery('Abbiatici,')).toEqual({ kind: 'last-first', lastWords: ['abbiatici'], firstWords: [] });
    expect(parseNameQuery(', rosa')).toEqual({ kind: 'any-order', words: ['rosa'] });
    expect(parseNameQuery('a|b')).toEqual({ kind: 'any-order', words: ['a', 'b'] });
  });

  test('none, or more than the cap, is refused as a 400 naming q', () => {
    for (const q of [',', ' , ', '\u0301', '|']) expect({ q, problem: nameQueryProblem(q) }).toEqual({ q, problem: expect.stringMatching(/no letters/) });
    const tooMany = Array.from({ length: MAX_QUERY_WORDS + 1 }, (_, i) => `w${i}`).join(' ');
    expect(nameQueryProblem(tooMany)).toMatch(/at most 4 words/);
    expect(nameQueryProblem(Array.from({ length: MAX_QUERY_WORDS }, () => 'w').join(' '))).toBeUndefined();
    let thrown: unknown;
    try {
      parseNameQuery(tooMany);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).details).toEqual([expect.objectContaining({ path: 'query.q' })]);
  });
});

describe('who a query finds', () => {
  test.each([
    ['Rosa Abbiatici', ['rosa']],
    ['abbiatici, rosa', ['rosa']],
    ['Abbiatici Rosa', ['rosa']],
    ['ROSA', ['rosa']],
    ['rosa', ['rosa']],
    ['Giulia', ['giulia']],
    ['giu abb', ['giulia']],
    ['abb', ['giulia', 'rosa']],
    ['abbiatici,', ['giulia', 'rosa']],
    ['abb, ro', ['rosa']],
    ['chloe', ['chloe']],
    ['CHLOÉ martin', ['chloe']],
    ['Maria de la Cruz', ['maria']],
    ['maria cruz', ['maria']],
    ['de la cruz', ['maria']],
    ['de la Cruz, María', ['maria']],
    ['de', ['maria', 'dean']],
    ["o'brien-smith", ['sean']],
    ["sean o'b", ['sean']],
    ['mary ann smith', ['mary']],
    ['smith mary', ['mary']],
    ['rosa giulia', []],
    ['abbiatici, giulia rosa', []],
  ])('%s → %j', (q, ids) => {
    expect(found(q)).toEqual(ids);
  });

  test('not found: a middle or later word alone or first (the documented limit)', () => {
    expect(found('cruz')).toEqual([]);
    expect(found('cruz maria')).toEqual([]);
    expect(found('ann')).toEqual([]);
    // ... though such a word does match once the person is read through a word that begins a name.
    expect(matchesName(parseNameQuery('cruz'), folded(people[2]!))).toBe(true);
  });

  test('a "last, first" query keeps each word to its part', () => {
    expect(found('rosa, abbiatici')).toEqual([]);
    expect(found('smith, mary')).toEqual(['mary']);
    // Seán is read through his first name, and "smith" begins a word of O'Brien-Smith.
    expect(found('smith, sean')).toEqual(['sean']);
    expect(found('smith, rosa')).toEqual([]);
  });

  test('matches come once each, in name order (or reversed)', () => {
    const query = parseNameQuery('abb');
    const results = run(planNameSearch(query));
    expect(mergeNameMatches(query, [...results, ...results]).matches.map((m) => m.id)).toEqual(['giulia', 'rosa']);
    expect(mergeNameMatches(query, results, 'desc').matches.map((m) => m.id)).toEqual(['rosa', 'giulia']);
  });
});

describe('the plan is bounded', () => {
  const queries: string[] = ['r', 'rosa abbiatici', 'a b c', 'a b c d', 'de la cruz, maria', 'a b, c d', 'x, y', 'x,'];
  test.each(queries)('%s: at most MAX_INDEX_QUERIES queries, none twice, each covering query a first word', (q) => {
    const plan = planNameSearch(parseNameQuery(q));
    expect(plan.length).toBeLessThanOrEqual(MAX_INDEX_QUERIES);
    expect(new Set(plan.map((p) => `${p.index}:${p.prefix}`)).size).toBe(plan.length);
    expect(plan.some((p) => p.covering)).toBe(true);
  });

  test('four words use the whole budget; one word two queries', () => {
    expect(planNameSearch(parseNameQuery('a b c d'))).toHaveLength(MAX_INDEX_QUERIES);
    expect(planNameSearch(parseNameQuery('rosa'))).toEqual([
      { index: 'first', prefix: 'rosa', covering: true },
      { index: 'last', prefix: 'rosa', covering: true },
    ]);
  });

  test('a full name has a narrow query per split, so it is found even when its first word alone reaches the bound', () => {
    const plan = planNameSearch(parseNameQuery('Maria de la Cruz'));
    expect(plan.map((p) => `${p.index}:${p.prefix}`)).toContain('first:maria|de la cruz');
    expect(planNameSearch(parseNameQuery('de la cruz maria')).map((p) => `${p.index}:${p.prefix}`)).toContain('last:de la cruz|maria');
    // A bound of one item per query: "maria" alone reads Mariana first and stops there; the narrow query still finds María.
    const cut = search('Maria de la Cruz', 1);
    expect(cut.matches.map((m) => m.id)).toEqual(['maria']);
    expect(cut.complete).toBe(false);
    expect(search('maria', 1).matches.map((m) => m.id)).toEqual(['mariana']);
    expect(search('de', 1).complete).toBe(false);
    expect(search('Maria de la Cruz').complete).toBe(true);
  });
});

test('index keys name the person: last|first|id and first|last|id', () => {
  expect(candidateOf(nameOrderKey('de la Cruz', 'María', 'st9'), 'last')).toEqual({ id: 'st9', lastName: 'de la cruz', firstName: 'maria' });
  expect(candidateOf(firstNameOrderKey('María', 'de la Cruz', 'st9'), 'first')).toEqual({ id: 'st9', lastName: 'de la cruz', firstName: 'maria' });
  expect(candidateOf('no-bars', 'last')).toBeUndefined();
  expect(startsAWord("o'brien-smith", 'smith')).toBe(true);
  expect(startsAWord('abbiatici', 'bia')).toBe(false);
});

test('a query of the kinds a clerk types never plans more than the cap', () => {
  const samples: NameQuery[] = [
    { kind: 'any-order', words: ['a', 'b', 'c', 'd'] },
    { kind: 'last-first', lastWords: ['a', 'b', 'c'], firstWords: ['d'] },
    { kind: 'last-first', lastWords: ['a'], firstWords: ['b', 'c', 'd'] },
  ];
  for (const query of samples) expect(planNameSearch(query).length).toBeLessThanOrEqual(MAX_INDEX_QUERIES);
});
