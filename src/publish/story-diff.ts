// What changed between two versions of a story, as the versions API shows it: title,
// dateline and credits as before/after, paragraphs as the ones removed and added (by
// their longest common run, so a corrected paragraph shows as one out, one in).
import { paragraphsOf, type VersionField } from '../store/story-revision.js';
import type { StoryHistory } from '../store/store.js';
import type { Credit, Story } from '../story.js';
import type { StoryUpdate } from './story-page.js';

export interface StoryDiff {
  title?: { from: string; to: string };
  dateline?: { from: string | null; to: string | null };
  credits?: { added: Credit[]; removed: Credit[] };
  paragraphs?: { removed: { index: number; text: string }[]; added: { index: number; text: string }[] };
}

export function diffStories(a: Story, b: Story): StoryDiff {
  const diff: StoryDiff = {};
  if (a.title !== b.title) diff.title = { from: a.title, to: b.title };
  const da = a.dateline?.text ?? null;
  const db = b.dateline?.text ?? null;
  if (da !== db) diff.dateline = { from: da, to: db };
  const key = (c: Credit) => `${c.role}\n${c.name}`;
  const ka = new Set(a.credits.map(key));
  const kb = new Set(b.credits.map(key));
  const added = b.credits.filter((c) => !ka.has(key(c)));
  const removed = a.credits.filter((c) => !kb.has(key(c)));
  if (added.length || removed.length) diff.credits = { added, removed };
  const paragraphs = diffParagraphs(paragraphsOf(a), paragraphsOf(b));
  if (paragraphs.added.length || paragraphs.removed.length) diff.paragraphs = paragraphs;
  return diff;
}

/** Longest common subsequence of paragraphs; past a size where that costs too much, by presence. */
function diffParagraphs(a: string[], b: string[]): NonNullable<StoryDiff['paragraphs']> {
  if (a.length * b.length > 250_000) {
    const inA = new Set(a);
    const inB = new Set(b);
    return {
      removed: a.flatMap((text, index) => (inB.has(text) ? [] : [{ index, text }])),
      added: b.flatMap((text, index) => (inA.has(text) ? [] : [{ index, text }])),
    };
  }
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const removed: { index: number; text: string }[] = [];
  const added: { index: number; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) added.push({ index: j, text: b[j++]! });
    else removed.push({ index: i, text: a[i++]! });
  }
  return { removed, added };
}

const FIELD_NAMES: Record<VersionField, string> = {
  title: 'headline',
  dateline: 'dateline',
  byline: 'byline',
  credits: 'credits',
  paragraphs: 'text',
  summary: 'summary',
  images: 'pictures',
  url: 'link',
  published: 'date',
  categories: 'topics',
  language: 'language',
  embargoUntil: 'embargo',
  withdrawn: 'withdrawn',
};

/** "Updated <date>: <what changed>" lines for a story page, newest first: the correction note, else the fields. */
export function storyUpdates(history: StoryHistory | null): StoryUpdate[] {
  if (!history) return [];
  return history.versions
    .slice(1)
    .map((v) => ({ at: new Date(v.storedAt), text: v.note ?? `${v.changes.map((f) => FIELD_NAMES[f]).join(', ')} changed` }))
    .reverse();
}
