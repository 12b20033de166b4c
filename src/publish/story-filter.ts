// Include/exclude filters over stories: from a combined feed's config and from ?filter=.
//
// Query patterns come from anyone on the internet, so they run on re2js, a pure-JS port
// of RE2 whose matching time is linear in the input (no catastrophic backtracking; the
// native `re2` binding needs Node 22). Linear is not free, so text is capped per field
// and the caller passes a budget that is checked between stories. Config patterns are
// the operator's and were validated as JS RegExp at load, so they use RegExp.
import { RE2JS } from 're2js';
import type { FeedConfig } from '../config/schema.js';
import { AppError } from '../errors.js';
import type { StoredStory } from '../story.js';
import type { FeedQuery, FilterField, QueryFilter } from './feed-query.js';

/** Characters of a field a pattern looks at: bounds the cost of one match. */
export const MAX_FILTER_TEXT = 32 * 1024;

export type StoryPredicate = (stored: StoredStory) => boolean;
interface Matcher {
  test(text: string): boolean;
}

type FieldRule = { fields: readonly FilterField[]; matcher: Matcher };

export function fieldText(stored: StoredStory, field: FilterField): string[] {
  const s = stored.story;
  if (field === 'title') return [s.title];
  if (field === 'description') return [s.summary, s.body.text.slice(0, MAX_FILTER_TEXT)];
  if (field === 'author') return s.credits.filter((c) => c.role === 'author').map((c) => c.name).concat(s.byline ?? []);
  return s.categories;
}

function matchesAny(stored: StoredStory, rules: readonly FieldRule[]): boolean {
  return rules.some((r) => r.fields.some((f) => fieldText(stored, f).some((t) => r.matcher.test(t))));
}

/** A filter that keeps stories matching any include rule (when there are some) and no exclude rule. */
function combine(include: FieldRule[], exclude: FieldRule[], categories: { include?: string[]; exclude?: string[] }): StoryPredicate {
  const inCats = categories.include?.map((c) => c.toLowerCase());
  const outCats = categories.exclude?.map((c) => c.toLowerCase());
  const hasCat = (s: StoredStory, cats?: string[]) => Boolean(cats?.length) && s.story.categories.some((c) => cats!.includes(c.toLowerCase()));
  return (s) => {
    const wantsInclude = include.length > 0 || Boolean(inCats?.length);
    if (wantsInclude && !hasCat(s, inCats) && !matchesAny(s, include)) return false;
    return !hasCat(s, outCats) && !matchesAny(s, exclude);
  };
}

/** The combined-feed filter from config/feeds/*.yaml, or null when it has none. */
export function configFilter(feed: Pick<FeedConfig, 'include' | 'exclude'>): StoryPredicate | null {
  if (!feed.include && !feed.exclude) return null;
  const rules = (r: FeedConfig['include']): FieldRule[] => {
    const out: FieldRule[] = [];
    if (r?.title) out.push({ fields: ['title'], matcher: new RegExp(r.title, 'u') });
    if (r?.body) out.push({ fields: ['description'], matcher: new RegExp(r.body, 'u') });
    if (r?.author) out.push({ fields: ['author'], matcher: new RegExp(r.author, 'u') });
    return out;
  };
  return combine(rules(feed.include), rules(feed.exclude), { include: feed.include?.categories, exclude: feed.exclude?.categories });
}

/** The ?filter= family as one predicate, or null when the query has no filter. */
export function queryFilter(query: Pick<FeedQuery, 'include' | 'exclude' | 'caseSensitive'>): StoryPredicate | null {
  if (query.include.length === 0 && query.exclude.length === 0) return null;
  const compile = (f: QueryFilter): FieldRule => ({ fields: f.fields, matcher: compileSafe(f.pattern, query.caseSensitive) });
  return combine(query.include.map(compile), query.exclude.map(compile), {});
}

function compileSafe(pattern: string, caseSensitive: boolean): Matcher {
  try {
    const re = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    return { test: (text) => re.matcher(text).find() };
  } catch (err) {
    throw new AppError('INPUT_INVALID', `filter: not a valid RE2 pattern: ${pattern}`, { cause: err });
  }
}

/** Every predicate must hold; a null predicate is no constraint. */
export function allOf(...predicates: (StoryPredicate | null)[]): StoryPredicate | null {
  const real = predicates.filter((p): p is StoryPredicate => p !== null);
  if (real.length === 0) return null;
  return (s) => real.every((p) => p(s));
}
