import { ValidationError } from './errors';
import { foldName } from './names';

/*
 * Searching people (students, parents) by name as people search: any part of a name, in any
 * order, first or last name, case and accents ignored. "Rosa Abbiatici", "abbiatici, rosa",
 * "ROSA", "giu abb" and "Maria de la Cruz" all find whom they name.
 *
 * The rule: the query is folded (foldName: case and accents) and cut into words at spaces and
 * commas. Each word must be the start of a word of the first or the last name (name words are
 * cut at spaces and hyphens: "smith" starts a word of "O'Brien-Smith"). "Abbiatici, Rosa" (a
 * comma) means last name, then first name: the words before it must start words of the last
 * name, those after it words of the first name.
 *
 * How it is found: two name-ordered indexes per table, one keyed `last|first|id` (nameKey), one
 * `first|last|id` (firstNameKey), both folded. `planNameSearch` turns a query into a few prefix
 * queries on them (at most MAX_INDEX_QUERIES, each reading at most ITEMS_PER_INDEX_QUERY index
 * items), and `mergeNameMatches` keeps the candidates the rule admits, once each, in name order.
 * - The first word typed, as a prefix of either index ("rosa", "giu", "abb"): finds everyone
 *   whose first or last name begins with it. These are the plan's covering queries: when none of
 *   them reached its item bound, every person this search can find was read.
 * - Each split of the words into a leading and a trailing name, typed in full and in order:
 *   `maria|de la cruz` (first "Maria", last "de la Cruz"), `de la cruz|maria`, `mary ann|smith`,
 *   and all the words as one name (`de la cruz`, `van der berg`). These are narrow (a handful of
 *   items), so a full name is found even where its first word alone is too common to read whole.
 * - With a comma: the last name as typed with the first name after it, the last name alone, its
 *   first word, and the first name as typed (with and without the last name after it).
 *
 * Not found: a person none of whose names begins with the first word typed — a middle or later
 * word alone or first ("cruz" or "cruz maria" for Maria de la Cruz, "smith" for O'Brien-Smith,
 * "ann" for Mary Ann); type the name from its start ("de la cruz", "maria"). Apostrophes and
 * other punctuation count as letters ("obrien" does not find O'Brien; "o'b" does). A name that
 * itself holds "|" is split at its first "|". When a covering query reaches its bound (a word
 * as common as "a"), the answer says there may be more (`complete: false`): type more of the name.
 */

/** Words a query may have; more are refused (the plan grows with them). */
export const MAX_QUERY_WORDS = 4;
/** Index queries one search plans at most (2 + 2 splits per word boundary + 2 whole-query ones). */
export const MAX_INDEX_QUERIES = 2 * MAX_QUERY_WORDS + 2;
/** Index items one of those queries reads at most. */
export const ITEMS_PER_INDEX_QUERY = 100;

/** `last`: the nameKey index (`last|first|id`); `first`: the firstNameKey index (`first|last|id`). */
export type NameIndex = 'last' | 'first';

export type NameQuery =
  /** No comma: every word starts a word of the first or the last name, in any order. */
  | { kind: 'any-order'; words: readonly string[] }
  /** "Last, First": the last name's words, then the first name's (possibly none). */
  | { kind: 'last-first'; lastWords: readonly string[]; firstWords: readonly string[] };

export interface PrefixQuery {
  index: NameIndex;
  /** begins_with on the index's sort key (folded). */
  prefix: string;
  /** One of the queries whose union holds every person the search can find. */
  covering: boolean;
}

/** A person as an index key names them: folded names and the id. */
export interface NameCandidate {
  id: string;
  lastName: string;
  firstName: string;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** What is wrong with `q` as a name search, or undefined. */
export function nameQueryProblem(q: string): string | undefined {
  const query = foldQuery(q);
  const count = query.kind === 'any-order' ? query.words.length : query.lastWords.length + query.firstWords.length;
  if (count === 0) return 'The search has no letters or digits to look for.';
  if (count > MAX_QUERY_WORDS) return `A name search takes at most ${MAX_QUERY_WORDS} words.`;
  return undefined;
}

/** A query's words; 400 VALIDATION_FAILED (naming `query.q`) when it has none or too many. */
export function parseNameQuery(q: string): NameQuery {
  const problem = nameQueryProblem(q);
  if (problem) throw new ValidationError(problem, [{ path: 'query.q', message: problem }]);
  return foldQuery(q);
}

function foldQuery(q: string): NameQuery {
  // "|" separates the parts of an index key; in a query it is just a separator.
  const folded = foldName(q.replace(/\|/g, ' '));
  const comma = folded.indexOf(',');
  if (comma < 0) return { kind: 'any-order', words: words(folded) };
  const lastWords = words(folded.slice(0, comma));
  const firstWords = words(folded.slice(comma + 1).replace(/,/g, ' '));
  return lastWords.length ? { kind: 'last-first', lastWords, firstWords } : { kind: 'any-order', words: firstWords };
}

/** The index prefix queries of a search, at most MAX_INDEX_QUERIES, none twice. */
export function planNameSearch(query: NameQuery): PrefixQuery[] {
  const plan: PrefixQuery[] = [];
  const add = (index: NameIndex, prefix: string, covering = false) => {
    const same = plan.find((p) => p.index === index && p.prefix === prefix);
    if (same) same.covering ||= covering;
    else plan.push({ index, prefix, covering });
  };
  if (query.kind === 'any-order') {
    const w = query.words;
    add('first', w[0]!, true);
    add('last', w[0]!, true);
    for (let k = 1; k < w.length; k++) {
      const split = `${w.slice(0, k).join(' ')}|${w.slice(k).join(' ')}`;
      add('first', split);
      add('last', split);
    }
    if (w.length > 1) {
      add('first', w.join(' '));
      add('last', w.join(' '));
    }
  } else {
    const last = query.lastWords.join(' ');
    const first = query.firstWords.join(' ');
    if (first) add('last', `${last}|${first}`);
    add('last', last);
    add('last', query.lastWords[0]!, true);
    if (first) {
      add('first', `${first}|${last}`);
      add('first', query.firstWords[0]!, true);
    }
  }
  return plan.slice(0, MAX_INDEX_QUERIES);
}

/** The person an index key names (`last|first|id` or `first|last|id`), or undefined for a key of another shape. */
export function candidateOf(key: string, index: NameIndex): NameCandidate | undefined {
  const firstBar = key.indexOf('|');
  const lastBar = key.lastIndexOf('|');
  if (firstBar < 0 || firstBar === lastBar) return undefined;
  const lead = key.slice(0, firstBar);
  const trail = key.slice(firstBar + 1, lastBar);
  const id = key.slice(lastBar + 1);
  return index === 'last' ? { id, lastName: lead, firstName: trail } : { id, firstName: lead, lastName: trail };
}

/** The candidate's place in name order: its nameKey (`last|first|id`). */
export function nameOrderOf(candidate: NameCandidate): string {
  return `${candidate.lastName}|${candidate.firstName}|${candidate.id}`;
}

/** Whether `word` (folded) begins a word of `name` (folded; words cut at spaces and hyphens). */
export function startsAWord(name: string, word: string): boolean {
  if (name.startsWith(word)) return true;
  for (let i = 0; i < name.length; i++) if (/[\s-]/.test(name[i]!) && name.startsWith(word, i + 1)) return true;
  return false;
}

/** Whether a person answers the query (the rule at the top of this file). */
export function matchesName(query: NameQuery, person: Pick<NameCandidate, 'firstName' | 'lastName'>): boolean {
  if (query.kind === 'any-order') return query.words.every((w) => startsAWord(person.firstName, w) || startsAWord(person.lastName, w));
  return query.lastWords.every((w) => startsAWord(person.lastName, w)) && query.firstWords.every((w) => startsAWord(person.firstName, w));
}

/** What one planned query read: the sort keys of its items, and whether it stopped at its bound. */
export interface PrefixResult {
  query: PrefixQuery;
  keys: readonly string[];
  truncated: boolean;
}

/**
 * The matches among what the plan read, once each, in name order (`desc`: reversed).
 * `complete`: no covering query stopped at its bound, so every person this search can find is
 * in `matches`; otherwise there may be more.
 */
export function mergeNameMatches(query: NameQuery, results: readonly PrefixResult[], order: 'asc' | 'desc' = 'asc'): { matches: NameCandidate[]; complete: boolean } {
  const found = new Map<string, NameCandidate>();
  for (const result of results) {
    for (const key of result.keys) {
      const candidate = candidateOf(key, result.query.index);
      if (candidate && !found.has(candidate.id) && matchesName(query, candidate)) found.set(candidate.id, candidate);
    }
  }
  const sorted = [...found.values()].sort((a, b) => (nameOrderOf(a) < nameOrderOf(b) ? -1 : nameOrderOf(a) > nameOrderOf(b) ? 1 : 0));
  if (order === 'desc') sorted.reverse();
  return { matches: sorted, complete: results.every((r) => !r.query.covering || !r.truncated) };
}
