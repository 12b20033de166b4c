// Sorts a story's paragraphs into body text and everything the Story carries elsewhere:
// dateline, byline, credits, images, dates. Works on any paragraph array (text files,
// web pages, NITF, pushed JSON); only plain wire text also has captions above its lead.
import { classifyParagraph, type Paragraph } from './classify-paragraph.js';
import { parseStaffLine } from './credits.js';
import { parseDateline } from './dateline.js';
import type { Credit } from '../story.js';
import { dropEmbedLeadIns } from './embed-lead-ins.js';
import { readFrontMatter } from './front-matter.js';
import { isLabelledCaption } from './photo-credit.js';
import { isAffiliation, isAgency } from './person-name.js';
import { takeParagraph, type StoryParts } from './take-paragraph.js';

export type { StoryParts } from './take-paragraph.js';

export interface PartsOptions {
  zone: string;
  /** Plain wire text: paragraphs above a dateline lead are captions and credit lines. */
  wireText: boolean;
  /** Dates already known; found ones do not replace them. */
  published: string | null;
  updated: string | null;
  /** The story's sanitized body markup, when it has one: what follows a paragraph there (an embed, a list) counts. */
  markup?: string | null;
}

/** Captions sit above the lead: the dateline is looked for no further down than this. */
const MAX_FRONT = 6;
const MAX_CAPTION = 600;
const MAX_TITLE_LINE = 60;

const SPACES = /\s+/g;
/** Most paragraphs arrive tidy: testing is cheaper than rewriting. */
const UNTIDY = /\s\s|[^\S ]/;
const EDGE_SPACE = /\s/;

export function readStoryParts(given: readonly string[], options: PartsOptions): StoryParts {
  // Collapsed once here; every later step reads the one-line form.
  const paragraphs = given.map((p) => (isTidy(p) ? p : p.replace(SPACES, ' ').trim()));
  const kinds = attachTitleLines(
    paragraphs,
    given.map((p, i) => classifyParagraph(p, paragraphs[i]!, options.zone)),
  );
  const parts: StoryParts = {
    body: [], dateline: null, byline: null, credits: [], images: [], looseCredits: [],
    published: options.published, updated: options.updated,
  };
  for (const k of kinds) if (k.kind === 'dates') takeDates(parts, k.dates);
  const lead = options.wireText ? findWireLead(paragraphs, kinds, parts.published) : findCaptionedLead(paragraphs, kinds, parts.published);
  // Wire text without a dateline: only caption + credit pairs on top count as front matter.
  const start = lead ? lead.index : options.wireText ? wireFrontEnd(kinds) : 0;
  readFrontMatter(paragraphs.slice(0, start), kinds.slice(0, start), parts);
  for (let i = start; i < paragraphs.length; i++) takeParagraph(parts, paragraphs[i]!, kinds[i]!);
  const match = lead ? lead.match : !options.wireText && parts.body[0] ? parseDateline(parts.body[0], parts.published) : null;
  if (match) {
    parts.dateline = match.dateline;
    parts.body[0] = match.rest;
    if (match.credits?.length) {
      parts.byline ??= match.byline ?? null;
      // The lead's credit comes first: it names the story's own reporter.
      parts.credits.unshift(...match.credits.filter((c) => !parts.credits.some((k) => k.name === c.name && k.role === c.role)));
    }
  }
  takeClosingCredits(parts);
  parts.body = dropEmbedLeadIns(parts.body, options.markup ?? null);
  // Writers first and photographers last, as a page's byline and its figures list them,
  // wherever the text printed them (a caption above the byline): one order from every input.
  const rank = (c: Credit) => (c.role === 'author' ? 0 : c.role === 'photographer' ? 2 : 1);
  parts.credits = [0, 1, 2].flatMap((r) => parts.credits.filter((c) => rank(c) === r));
  return parts;
}

const DROPPED: Paragraph = { kind: 'boilerplate' };

/** "By MARTA KOVAC" and "Staff Writer" printed as two paragraphs: one byline. */
function attachTitleLines(paragraphs: readonly string[], kinds: Paragraph[]): Paragraph[] {
  for (let i = 1; i < kinds.length; i++) {
    const prev = kinds[i - 1]!;
    const line = paragraphs[i]!;
    if (prev.kind !== 'byline' || kinds[i]!.kind !== 'text' || line.length > MAX_TITLE_LINE || !isAffiliation(line)) continue;
    const agency: Credit[] = isAgency(line) ? [{ name: line, role: 'agency' }] : [];
    kinds[i - 1] = { ...prev, byline: `${prev.byline}, ${line}`, credits: [...prev.credits, ...agency] };
    kinds[i] = DROPPED;
  }
  return kinds;
}

function isTidy(p: string): boolean {
  return !EDGE_SPACE.test(p.charAt(0)) && !EDGE_SPACE.test(p.charAt(p.length - 1)) && !UNTIDY.test(p);
}

/** The first text paragraph with a dateline, if only caption-sized text stands above it. */
function findWireLead(paragraphs: readonly string[], kinds: readonly Paragraph[], published: string | null) {
  for (let i = 0; i < Math.min(paragraphs.length, MAX_FRONT); i++) {
    if (kinds[i]!.kind !== 'text') continue;
    const text = paragraphs[i]!;
    const match = parseDateline(text, published);
    if (match) return { index: i, match };
    if (text.length > MAX_CAPTION) return null;
  }
  return null;
}

function wireFrontEnd(kinds: readonly Paragraph[]): number {
  let end = 0;
  while (end < kinds.length) {
    const k = kinds[end]!.kind;
    if (k === 'photo' || k === 'byline' || k === 'dates') end += 1;
    else if (k === 'text' && isCreditLine(kinds[end + 1])) end += 2;
    else break;
  }
  return end;
}

/**
 * Markup without wire text's conventions: above a dateline lead only what shows itself to be
 * a caption counts as one (a text followed by its credit line, or a labelled caption such as
 * "FILE PHOTO: ..."); captions with a credit of their own are already photos. Any other text
 * there (a standfirst, a real first paragraph) keeps the story as it stands: never eat a lead.
 */
function findCaptionedLead(paragraphs: readonly string[], kinds: readonly Paragraph[], published: string | null) {
  for (let i = 0; i < Math.min(paragraphs.length, MAX_FRONT); i++) {
    if (kinds[i]!.kind !== 'text') continue;
    const text = paragraphs[i]!;
    const match = parseDateline(text, published);
    if (match) return i === 0 ? null : { index: i, match };
    if (text.length > MAX_CAPTION) return null;
    if (isCreditLine(kinds[i + 1])) i += 1;
    else if (!isLabelledCaption(text)) return null;
  }
  return null;
}

/** Stories close with a line or two about their writer ("Jane Smith is a staff reporter."). */
const MAX_CLOSING = 2;
const EMAIL_ONLY = /^[(（<[]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[)）>\]]?$/u;

/** The writer named at the end leaves the body; a story is never left without one. */
function takeClosingCredits(parts: StoryParts): void {
  for (let n = 0; n < MAX_CLOSING && parts.body.length > 1; n++) {
    // A wire story closes with its credited reporter's address alone ("gildong@yna.co.kr").
    if (parts.credits.length > 0 && EMAIL_ONLY.test(parts.body[parts.body.length - 1]!)) {
      parts.body.pop();
      continue;
    }
    const staff = parseStaffLine(parts.body[parts.body.length - 1]!);
    if (!staff) return;
    parts.body.pop();
    parts.byline ??= staff.byline;
    parts.credits.push(...staff.credits);
  }
}

function isCreditLine(kind: Paragraph | undefined): boolean {
  return kind?.kind === 'photo' && kind.caption === null;
}

function takeDates(parts: StoryParts, dates: { published?: string; updated?: string }): void {
  parts.published ??= dates.published ?? null;
  parts.updated ??= dates.updated ?? null;
}
