// The Story: the one model every pipeline stage shares (docs/story.md).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isSafeImageUrl } from './safe-url.js';

export const CREDIT_ROLES = ['author', 'contributor', 'photographer', 'editor', 'agency', 'other'] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

export interface Dateline {
  /** As printed, without the dash: "TOKYO, Japan". */
  text: string;
  place: string | null;
  region: string | null;
  country: string | null;
  agency: string | null;
  date: string | null;
}

export interface Credit {
  name: string;
  role: CreditRole;
}

export interface StoryImage {
  url: string | null;
  caption: string | null;
  credit: string | null;
}

export interface Story {
  id: string;
  sourceId: string;
  url: string | null;
  title: string;
  dateline: Dateline | null;
  byline: string | null;
  credits: Credit[];
  images: StoryImage[];
  summary: string;
  body: { text: string; html: string };
  published: string | null;
  updated: string | null;
  categories: string[];
  language: string | null;
  /** Lifecycle (docs/story.md), each absent unless it applies: in no feed before this time (ISO). */
  embargoUntil?: string;
  /** Withdrawn ("killed"): why, and when the store first held it withdrawn (null until stored). */
  withdrawn?: Withdrawal;
  /** A correction line of the text ("CORRECTION: ..."): the note of the version it came with. */
  correction?: string;
}

export interface Withdrawal {
  at: string | null;
  reason: string;
}

/** What an extractor hands to the normalizer: everything optional but the text it found. */
export interface RawStory {
  title?: string | null;
  url?: string | null;
  byline?: string | null;
  credits?: Credit[];
  images?: StoryImage[];
  dateline?: Dateline | null;
  summary?: string | null;
  /** Body paragraphs as plain text, in order (title excluded). */
  paragraphs?: string[];
  /** Body as HTML when the input had markup. */
  html?: string | null;
  published?: string | null;
  updated?: string | null;
  categories?: string[];
  language?: string | null;
  /** Not to be published before this date (NITF date.release, an "EMBARGOED UNTIL" line). */
  embargoUntil?: string | null;
  /** Set when the input withdraws the story (NITF management-status="canceled", a kill notice): the reason. */
  withdrawn?: string | null;
}

/** A stored story with the store's own bookkeeping times (never part of the story's dates). */
export interface StoredStory {
  story: Story;
  firstSeen: string;
  lastChanged: string;
}

const nullableString = z.string().nullable();

export const DatelineSchema = z.strictObject({
  text: z.string().min(1),
  place: nullableString.default(null),
  region: nullableString.default(null),
  country: nullableString.default(null),
  agency: nullableString.default(null),
  date: nullableString.default(null),
});

export const CreditSchema = z.strictObject({ name: z.string().min(1), role: z.enum(CREDIT_ROLES) });

export const StoryImageSchema = z.strictObject({
  url: z.string().refine(isSafeImageUrl, 'must be an http(s) URL or a data:image/ raster').nullable().default(null),
  caption: nullableString.default(null),
  credit: nullableString.default(null),
});

const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')
  .transform((s) => new Date(s).toISOString());

/**
 * A Story as pushed or dropped as JSON: only `title` and a body are required
 * (docs/story.md); the normalizer derives the rest.
 */
export const StoryInputSchema = z
  .strictObject({
    id: z.string().optional(),
    sourceId: z.string().optional(),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullable().optional(),
    title: z.string().trim().min(1),
    dateline: DatelineSchema.nullable().optional(),
    byline: nullableString.optional(),
    credits: z.array(CreditSchema).optional(),
    images: z.array(StoryImageSchema).optional(),
    summary: nullableString.optional(),
    body: z
      .strictObject({ text: z.string().optional(), html: z.string().optional() })
      .refine((b) => Boolean(b.text?.trim() || b.html?.trim()), 'needs text or html'),
    published: isoDate.nullable().optional(),
    updated: isoDate.nullable().optional(),
    categories: z.array(z.string()).optional(),
    language: nullableString.optional(),
    embargoUntil: isoDate.nullable().optional(),
  });
export type StoryInput = z.infer<typeof StoryInputSchema>;

/**
 * Stable story id: a hash of the source id and the canonical URL, or of the
 * file name (or content) when there is no URL.
 */
export function storyId(sourceId: string, key: string): string {
  return createHash('sha256').update(`${sourceId}\n${key}`).digest('hex').slice(0, 24);
}
