// RawStory -> Story: the one place where every input format becomes the shared shape.
// Extractors fill what their format states outright (an HTML byline element, NITF's
// <dateline>); this fills the rest from the paragraphs and never overrides them.
import { AppError } from '../errors.js';
import { storyId, type Credit, type Dateline, type RawStory, type Story, type StoryImage } from '../story.js';
import { parseByline } from './credits.js';
import { readDatelineText } from './dateline.js';
import { parseNewsDate } from './dates.js';
import { boundRawStory, limitStoryFields } from './field-limits.js';
import { sanitizeFragment } from './html-sanitize.js';
import { alignBodyHtml, htmlToParagraphs, paragraphsToHtml } from './html-text.js';
import { readLifecycleLines, type LifecycleLines } from './lifecycle-lines.js';
import { liftCaptions } from './markup-captions.js';
import { toNormalCase } from './normal-case.js';
import { cleanName } from './person-name.js';
import { photographerOf, type PhotoCredit } from './photo-credit.js';
import { safeImageUrl, safeLinkUrl } from '../safe-url.js';
import type { StoryContext } from './story-context.js';
import { readStoryParts } from './story-parts.js';
import { summarize } from './summary.js';

/** Story size limit: the longest news features run to ~100 KB of text; ten times that is no story. */
export const MAX_STORY_CHARS = 1_000_000;

export function normalizeStory(raw: RawStory, ctx: StoryContext): Story {
  // Field caps (field-limits.ts): lists and text bounded before parsing, every field cut at the end.
  raw = liftCaptions(boundRawStory(raw));
  const title = cleanTitle(raw.title, ctx.rules?.titleSuffix);
  if (!title) throw new AppError('EXTRACT_EMPTY', 'story has no title');
  const drop = compileDropRules(ctx.rules?.dropParagraphs);
  // Unsafe links (javascript:, data:) are dropped here, whatever input they came from.
  const url = safeLinkUrl(raw.url);
  // Markup is sanitized before anything reads it: script text is never story text.
  const markup = raw.html?.trim() ? sanitizeFragment(raw.html, url, { allowIframes: ctx.extract?.allowIframes ?? [] }) : null;
  const source = raw.paragraphs ?? (markup ? withoutTitle(htmlToParagraphs(markup), title) : []);
  const zone = ctx.rules?.timezone ?? ctx.timezone ?? 'UTC';
  // Embargo and kill lines are instructions, not story text (lifecycle-lines.ts).
  const lifecycle = readLifecycleLines(drop.length ? source.filter((p) => !drop.some((re) => re.test(p))) : source, zone);
  const paragraphs = lifecycle.paragraphs;
  const parts = readStoryParts(paragraphs, {
    zone,
    wireText: ctx.layout === 'wire-text',
    published: toIso(raw.published, zone),
    updated: toIso(raw.updated, zone),
    markup,
  });
  if (parts.body.length === 0) throw new AppError('EXTRACT_EMPTY', 'story has no body text');
  const size = parts.body.reduce((n, p) => n + p.length, 0);
  if (size > MAX_STORY_CHARS) throw new AppError('PAYLOAD_TOO_LARGE', `story body of ${size} characters is over the ${MAX_STORY_CHARS} limit`);

  const byline = raw.byline?.replace(/\s+/g, ' ').trim() || parts.byline;
  const images = mergeImages(safeImages(raw.images ?? []), parts.images, parts.looseCredits);
  // Last: every field within its length cap, whatever door the story came in by.
  return limitStoryFields({
    id: storyId(ctx.sourceId, url ?? ctx.key ?? `${title}\n${parts.body.join('\n')}`),
    sourceId: ctx.sourceId,
    url,
    title,
    dateline: raw.dateline ? completeDateline(raw.dateline, parts.published) : parts.dateline,
    byline: byline ?? null,
    credits: mergeCredits([...givenCredits(raw), ...parts.credits, ...imageCredits(raw.images ?? [])]),
    images,
    summary: summarize(raw.summary?.trim() ? [raw.summary] : parts.body),
    body: { text: parts.body.join('\n\n'), html: bodyHtml(markup, parts.body, { images, dateline: parts.dateline !== null, ctx }) },
    published: parts.published,
    updated: parts.updated,
    categories: raw.categories ?? [],
    language: raw.language ?? ctx.language ?? null,
    ...lifecycleFields(raw, lifecycle, zone),
  });
}

/** The lifecycle fields (docs/story.md), each only when it applies: a story without them is byte-for-byte as before. */
function lifecycleFields(raw: RawStory, lines: LifecycleLines, zone: string): Pick<Story, 'embargoUntil' | 'withdrawn' | 'correction'> {
  const embargoUntil = toIso(raw.embargoUntil, zone) ?? lines.embargoUntil;
  // Bounded like every text field (field-limits.ts): a note, not a second body.
  const reason = (raw.withdrawn?.trim() || lines.withdrawn)?.slice(0, 1_000);
  const correction = lines.correction?.slice(0, 2_000);
  return {
    ...(embargoUntil ? { embargoUntil } : {}),
    ...(reason ? { withdrawn: { at: null, reason } } : {}),
    ...(correction ? { correction } : {}),
  };
}

/**
 * Markup the input had (a page, a feed item's content, a pushed body.html) stays: links,
 * lists, emphasis, quotes, subheadings, inline images, allowed embeds, cut to body.text's
 * paragraphs. Plain-text inputs, and markup whose paragraphs cannot be matched, get <p>s.
 */
function bodyHtml(markup: string | null, body: readonly string[], o: { images: readonly StoryImage[]; dateline: boolean; ctx: StoryContext }): string {
  if (!markup) return paragraphsToHtml(body);
  const listedImages = new Set(o.images.flatMap((i) => i.url ?? []));
  return alignBodyHtml(markup, body, { allowIframes: o.ctx.extract?.allowIframes ?? [], datelineCut: o.dateline, listedImages }) ?? paragraphsToHtml(body);
}

/** Feed and pushed markup often repeats the headline as its first block. */
function withoutTitle(paragraphs: string[], title: string): string[] {
  return paragraphs[0] === title ? paragraphs.slice(1) : paragraphs;
}

function safeImages(images: readonly StoryImage[]): StoryImage[] {
  return images
    .map((i) => ({ ...i, url: safeImageUrl(i.url) }))
    .filter((i) => i.url !== null || i.caption !== null || i.credit !== null);
}

function cleanTitle(raw: string | null | undefined, suffix: string | undefined): string {
  const title = (raw ?? '').replace(/\s+/g, ' ').trim();
  return suffix && title.endsWith(suffix) ? title.slice(0, -suffix.length).trim() : title;
}

/** Per-source rules are compiled once per rules array, not once per story. */
const compiled = new WeakMap<readonly string[], RegExp[]>();

function compileDropRules(rules: readonly string[] | undefined): RegExp[] {
  if (!rules?.length) return [];
  let res = compiled.get(rules);
  if (!res) {
    res = rules.map((r) => new RegExp(r, 'u'));
    compiled.set(rules, res);
  }
  return res;
}

/** Extractors may hand over dates in any printed form; the Story holds ISO UTC or null. */
function toIso(value: string | null | undefined, zone: string): string | null {
  return value ? parseNewsDate(value, zone) : null;
}

/** An extractor's dateline in the contract's form: place in normal case, blanks read from its text. */
function completeDateline(given: Dateline, published: string | null): Dateline {
  const read = readDatelineText(given.text, published);
  const pick = (k: Exclude<keyof Dateline, 'text'>) => given[k] ?? read?.[k] ?? null;
  const place = pick('place');
  return { text: given.text, place: place && toNormalCase(place), region: pick('region'), country: pick('country'), agency: pick('agency'), date: pick('date') };
}

/** Credits an extractor gave, in normal case, and those its byline states ("..., Associated Press"). */
function givenCredits(raw: RawStory): Credit[] {
  const given = (raw.credits ?? []).map((c) => ({ name: cleanName(c.name), role: c.role }));
  if (!raw.byline?.trim()) return given;
  const byline = /^by\s/i.test(raw.byline.trim()) ? raw.byline : `By ${raw.byline}`;
  return [...given, ...(parseByline(byline)?.credits ?? [])];
}

/** The photographer named in an extracted image credit ("Tony Karumba/AFP/Getty Images"). */
function imageCredits(images: readonly StoryImage[]): Credit[] {
  return images.flatMap((i) => {
    const name = i.credit ? photographerOf(i.credit) : null;
    return name ? [{ name, role: 'photographer' as const }] : [];
  });
}

/** First mention wins: a name credited twice ("Reporting by" and "Writing by") is listed once. */
function mergeCredits(credits: readonly Credit[]): Credit[] {
  const seen = new Set<string>();
  return credits.filter((c) => {
    const key = `${c.name.toLowerCase()}\n${c.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A credit line without a caption completes an extracted image that lacks one, else stands alone. */
function mergeImages(given: readonly StoryImage[], found: readonly StoryImage[], loose: readonly PhotoCredit[]): StoryImage[] {
  const images = [...given.map((i) => ({ ...i })), ...found];
  for (const credit of loose) {
    const target = images.find((i) => i.credit === null);
    if (target) target.credit = credit.credit;
    else images.push({ url: null, caption: null, credit: credit.credit });
  }
  return images;
}
