// Checks over the stories of one run: the source's expectations, and the universal ones
// every source should pass. Pure: `wirefeed test` prints them, a run's health reads them.
import type { Expectations } from '../config/schema.js';
import type { Story } from '../story.js';
import type { RunHealthStats } from '../store/store.js';

export interface CheckFailure {
  /** A short key: `withDate`, `uniqueIds`, ... */
  check: string;
  /** What failed, in plain words. */
  message: string;
  /** A few stories (or values) that show it. */
  examples: string[];
}

const EXAMPLES = 3;
const DAY_MS = 86_400_000;
/** Older than this a "published" date is a parsing mistake, not an old story. */
const DECADES_MS = 30 * 365 * DAY_MS;

const FIELDS = {
  withDate: { label: 'a date', has: (s: Story) => s.published !== null },
  withByline: { label: 'a byline', has: (s: Story) => Boolean(s.byline) || s.credits.length > 0 },
  withDateline: { label: 'a dateline', has: (s: Story) => s.dateline !== null },
  withImage: { label: 'an image', has: (s: Story) => s.images.length > 0 },
} as const;
type ShareKey = keyof typeof FIELDS;
export const SHARE_KEYS = Object.keys(FIELDS) as ShareKey[];

/** A story as an example: its URL, else its title. */
export function storyExample(s: Story): string {
  return s.url ?? `"${s.title}"`;
}

export function runStats(stories: readonly Story[]): RunHealthStats {
  const share = (key: ShareKey) => (stories.length ? stories.filter(FIELDS[key].has).length / stories.length : null);
  return {
    stories: stories.length,
    withDate: share('withDate'),
    withByline: share('withByline'),
    withDateline: share('withDateline'),
    withImage: share('withImage'),
    medianBody: stories.length ? median(stories.map((s) => s.body.text.length)) : null,
  };
}

export function shareLabel(key: ShareKey): string {
  return FIELDS[key].label;
}

/** The source's expectations that a run's stories (`listed`: how many the source listed) fall short of. */
export function checkExpectations(stories: readonly Story[], expect: Expectations, now: Date, listed = stories.length): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (expect.minStoriesPerRun !== undefined && Math.max(listed, stories.length) < expect.minStoriesPerRun) {
    failures.push({ check: 'minStoriesPerRun', message: `${Math.max(listed, stories.length)} stories, expected at least ${expect.minStoriesPerRun}`, examples: [] });
  }
  if (stories.length === 0) return failures;
  for (const key of SHARE_KEYS) {
    const min = expect[key];
    if (min === undefined) continue;
    const without = stories.filter((s) => !FIELDS[key].has(s));
    const share = 1 - without.length / stories.length;
    if (share < min) {
      failures.push({ check: key, message: `${percent(share)} of stories have ${FIELDS[key].label}, expected at least ${percent(min)}`, examples: without.slice(0, EXAMPLES).map(storyExample) });
    }
  }
  if (expect.minBodyLength !== undefined) {
    const short = stories.filter((s) => s.body.text.length < expect.minBodyLength!);
    // Most, not any: one short brief among long stories is news, not breakage.
    if (short.length * 2 > stories.length) {
      failures.push({ check: 'minBodyLength', message: `${short.length} of ${stories.length} bodies are shorter than ${expect.minBodyLength} characters`, examples: short.slice(0, EXAMPLES).map((s) => `${storyExample(s)} (${s.body.text.length} characters)`) });
    }
  }
  if (expect.maxAgeHours !== undefined) {
    const newest = Math.max(...stories.map((s) => (s.published ? Date.parse(s.published) : -Infinity)));
    if (newest === -Infinity || now.getTime() - newest > expect.maxAgeHours * 3_600_000) {
      const when = newest === -Infinity ? 'no story is dated' : `the newest story is from ${new Date(newest).toISOString()}`;
      failures.push({ check: 'maxAgeHours', message: `${when}, expected one from the last ${expect.maxAgeHours} hours`, examples: [] });
    }
  }
  return failures;
}

/** What every source's stories should pass: `site` is the host their links belong on (null: any). */
export function checkUniversal(stories: readonly Story[], now: Date, site: string | null): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const add = (check: string, message: string, bad: readonly string[]) => {
    if (bad.length > 0) failures.push({ check, message: `${bad.length} ${bad.length === 1 ? 'story' : 'stories'}: ${message}`, examples: bad.slice(0, EXAMPLES) });
  };
  add('uniqueIds', 'id shared with another story', duplicates(stories, (s) => s.id).map((s) => `${s.id} ${storyExample(s)}`));
  add('titles', 'no title', stories.filter((s) => !s.title.trim()).map(storyExample));
  add('bodies', 'empty body', stories.filter((s) => !s.body.text.trim()).map(storyExample));
  add('dates', 'dated in the future', stories.filter((s) => s.published && Date.parse(s.published) > now.getTime() + DAY_MS).map((s) => `${storyExample(s)} (${s.published})`));
  add('dates', 'dated decades ago', stories.filter((s) => s.published && Date.parse(s.published) < now.getTime() - DECADES_MS).map((s) => `${storyExample(s)} (${s.published})`));
  add('links', 'link not absolute http(s)', stories.filter((s) => s.url !== null && !isAbsolute(s.url)).map((s) => s.url!));
  if (site) add('links', `link not on ${site}`, stories.filter((s) => s.url && isAbsolute(s.url) && !onSite(s.url, site)).map((s) => s.url!));
  add('duplicateBodies', 'body the same as another story', duplicates(stories.filter((s) => s.body.text.trim()), (s) => s.body.text).map(storyExample));
  return failures;
}

function duplicates(stories: readonly Story[], key: (s: Story) => string): Story[] {
  const seen = new Set<string>();
  return stories.filter((s) => {
    const k = key(s);
    if (seen.has(k)) return true;
    seen.add(k);
    return false;
  });
}

function isAbsolute(url: string): boolean {
  return /^https?:\/\/[^/]/i.test(url);
}

/** The site's host or one of its subdomains; a leading www. on either side is ignored. */
function onSite(url: string, site: string): boolean {
  const host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  const base = site.replace(/^www\./, '');
  return host === base || host.endsWith(`.${base}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
