// Include/exclude filters over stories: from a combined feed's config and from ?filter=.
//
// Query patterns come from anyone on the internet, so they run on re2js, a pure-JS port
// of RE2 whose matching time is linear in the input (no catastrophic backtracking; the
// native `re2` binding needs Node 22). Linear is not free: one search costs up to the
// program's size times the text's length (when its DFA gives up, re2js steps every
// instruction for every character). So a query pattern's program size and repeat counts
// are capped, each field is searched only in its first MAX_FILTER_TEXT characters, and the
// caller's deadline is checked before every search (one pattern on one field), which bounds
// how far past its budget a request can run to one search. Config patterns are the
// operator's and were validated as JS RegExp at load, so they use RegExp.
import { RE2JS } from 're2js';
import type { FeedConfig } from '../config/schema.js';
import { AppError } from '../errors.js';
import type { StoredStory } from '../story.js';
import type { FeedQuery, FilterField, QueryFilter } from './feed-query.js';

/** Characters of a field a pattern looks at (the first ones): bounds the cost of one search. */
export const MAX_FILTER_TEXT = 16 * 1024;
/** Largest `{n}` / `{n,m}` in a query pattern: RE2 allows 1000, which alone makes a 1000-instruction program. */
export const MAX_FILTER_REPEAT = 100;
/** Largest compiled program (re2js programSize, about one per character, class or repeated copy). */
export const MAX_FILTER_PROGRAM = 200;

export type StoryPredicate = (stored: StoredStory) => boolean;
/** Called before each search; throws to stop the work (a request's deadline). */
export type SearchCheck = () => void;
const noCheck: SearchCheck = () => undefined;
interface Matcher {
  test(text: string): boolean;
}

type FieldRule = { fields: readonly FilterField[]; matcher: Matcher };

/** The texts a field stands for, each cut to its first MAX_FILTER_TEXT characters. */
export function fieldText(stored: StoredStory, field: FilterField): string[] {
  const s = stored.story;
  const texts =
    field === 'title' ? [s.title]
    : field === 'description' ? [s.summary, s.body.text]
    : field === 'author' ? s.credits.filter((c) => c.role === 'author').map((c) => c.name).concat(s.byline ?? [])
    : s.categories;
  return texts.map((t) => (t.length > MAX_FILTER_TEXT ? t.slice(0, MAX_FILTER_TEXT) : t));
}

function matchesAny(stored: StoredStory, rules: readonly FieldRule[], check: SearchCheck): boolean {
  return rules.some((r) =>
    r.fields.some((f) =>
      fieldText(stored, f).some((t) => {
        check();
        return r.matcher.test(t);
      }),
    ),
  );
}

/** A filter that keeps stories matching any include rule (when there are some) and no exclude rule. */
function combine(include: FieldRule[], exclude: FieldRule[], categories: { include?: string[]; exclude?: string[] }, check: SearchCheck): StoryPredicate {
  const inCats = categories.include?.map((c) => c.toLowerCase());
  const outCats = categories.exclude?.map((c) => c.toLowerCase());
  const hasCat = (s: StoredStory, cats?: string[]) => Boolean(cats?.length) && s.story.categories.some((c) => cats!.includes(c.toLowerCase()));
  return (s) => {
    const wantsInclude = include.length > 0 || Boolean(inCats?.length);
    if (wantsInclude && !hasCat(s, inCats) && !matchesAny(s, include, check)) return false;
    return !hasCat(s, outCats) && !matchesAny(s, exclude, check);
  };
}

/** The combined-feed filter from config/feeds/*.yaml, or null when it has none. `check` runs before each search. */
export function configFilter(feed: Pick<FeedConfig, 'include' | 'exclude'>, check: SearchCheck = noCheck): StoryPredicate | null {
  if (!feed.include && !feed.exclude) return null;
  const rules = (r: FeedConfig['include']): FieldRule[] => {
    const out: FieldRule[] = [];
    if (r?.title) out.push({ fields: ['title'], matcher: new RegExp(r.title, 'u') });
    if (r?.body) out.push({ fields: ['description'], matcher: new RegExp(r.body, 'u') });
    if (r?.author) out.push({ fields: ['author'], matcher: new RegExp(r.author, 'u') });
    return out;
  };
  return combine(rules(feed.include), rules(feed.exclude), { include: feed.include?.categories, exclude: feed.exclude?.categories }, check);
}

/**
 * The ?filter= family as one predicate, or null when the query has no filter. Throws
 * INPUT_INVALID for a pattern that is not RE2, FILTER_TOO_COMPLEX past the limits above.
 * `check` runs before each search.
 */
export function queryFilter(query: Pick<FeedQuery, 'include' | 'exclude' | 'caseSensitive'>, check: SearchCheck = noCheck): StoryPredicate | null {
  if (query.include.length === 0 && query.exclude.length === 0) return null;
  const compile = (f: QueryFilter): FieldRule => ({ fields: f.fields, matcher: compileSafe(f.pattern, query.caseSensitive) });
  return combine(query.include.map(compile), query.exclude.map(compile), {}, check);
}

/**
 * The query's patterns validated as queryFilter does (throwing the same errors), and their
 * compiled size added up: a measure of the work a search may cost. Null without patterns.
 */
export function queryFilterCost(query: Pick<FeedQuery, 'include' | 'exclude' | 'caseSensitive'>): number | null {
  const filters = [...query.include, ...query.exclude];
  if (filters.length === 0) return null;
  return filters.reduce((sum, f) => sum + compilePattern(f.pattern, query.caseSensitive).programSize(), 0);
}

function compileSafe(pattern: string, caseSensitive: boolean): Matcher {
  const re = compilePattern(pattern, caseSensitive);
  // test() searches without capture positions, so re2js can use its DFA (find() cannot).
  return { test: (text) => re.test(text) };
}

function compilePattern(pattern: string, caseSensitive: boolean): RE2JS {
  const repeat = largestRepeat(pattern);
  if (repeat > MAX_FILTER_REPEAT) tooComplex(`filter: repeat count ${repeat} is above ${MAX_FILTER_REPEAT}: ${pattern}`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    throw new AppError('INPUT_INVALID', `filter: not a valid RE2 pattern: ${pattern}`, { cause: err });
  }
  const size = re.programSize();
  if (size > MAX_FILTER_PROGRAM) tooComplex(`filter: pattern compiles to ${size} instructions, above ${MAX_FILTER_PROGRAM}; use a shorter one: ${pattern}`);
  return re;
}

/**
 * The largest count in `{n}`, `{n,}` or `{n,m}` anywhere in the pattern. Conservative: an
 * escaped `\{500}` or one inside a class counts too, which costs nothing but a refusal of
 * a pattern nobody writes.
 */
export function largestRepeat(pattern: string): number {
  let largest = 0;
  for (const m of pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) largest = Math.max(largest, Number(m[1]), Number(m[2] || 0));
  return largest;
}

function tooComplex(message: string): never {
  throw new AppError('FILTER_TOO_COMPLEX', message);
}

/** Every predicate must hold; a null predicate is no constraint. */
export function allOf(...predicates: (StoryPredicate | null)[]): StoryPredicate | null {
  const real = predicates.filter((p): p is StoryPredicate => p !== null);
  if (real.length === 0) return null;
  return (s) => real.every((p) => p(s));
}
