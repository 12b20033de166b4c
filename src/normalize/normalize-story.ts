// RawStory -> Story: the one place where every input format becomes the shared shape.
import type { NormalizeRules } from '../config/schema.js';
import { AppError } from '../errors.js';
import { storyId, type RawStory, type Story } from '../story.js';
import { htmlToParagraphs, paragraphsToHtml } from './html-text.js';
import { summarize } from './summary.js';

export interface NormalizeContext {
  sourceId: string;
  /** Identity when the story has no URL: a file name, or the content itself. */
  key?: string;
  rules?: Partial<NormalizeRules>;
  language?: string | null;
}

export function normalizeStory(raw: RawStory, ctx: NormalizeContext): Story {
  let title = (raw.title ?? '').replace(/\s+/g, ' ').trim();
  const suffix = ctx.rules?.titleSuffix;
  if (suffix && title.endsWith(suffix)) title = title.slice(0, -suffix.length).trim();
  if (!title) throw new AppError('EXTRACT_EMPTY', 'story has no title');

  const drop = (ctx.rules?.dropParagraphs ?? []).map((r) => new RegExp(r, 'u'));
  const source = raw.paragraphs ?? (raw.html ? htmlToParagraphs(raw.html) : []);
  const paragraphs = source.filter((p) => !drop.some((re) => re.test(p)));
  if (paragraphs.length === 0) throw new AppError('EXTRACT_EMPTY', 'story has no body text');

  const url = raw.url ?? null;
  return {
    id: storyId(ctx.sourceId, url ?? ctx.key ?? `${title}\n${paragraphs.join('\n')}`),
    sourceId: ctx.sourceId,
    url,
    title,
    dateline: raw.dateline ?? null,
    byline: raw.byline ?? null,
    credits: raw.credits ?? [],
    images: raw.images ?? [],
    summary: raw.summary?.trim() || summarize(paragraphs),
    body: { text: paragraphs.join('\n\n'), html: paragraphsToHtml(paragraphs) },
    published: raw.published ?? null,
    updated: raw.updated ?? null,
    categories: raw.categories ?? [],
    language: raw.language ?? ctx.language ?? null,
  };
}
