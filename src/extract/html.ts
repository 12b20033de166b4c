// HTML page -> RawStory: metadata, main body, images, byline; the normalizer does the rest.
import { Element, type Document } from 'domhandler';
import { appendChild, removeElement } from 'domutils';
import { load } from 'cheerio/slim';
import type { ExtractRules } from '../config/schema.js';
import type { RawStory } from '../story.js';
import { bodyParagraphs } from './html-blocks.js';
import { keepAllowedIframes } from './html-iframes.js';
import { absolutizeUrls, urlResolver } from './html-urls.js';
import { findByline } from './html-byline.js';
import { cleanArticle } from './html-clean.js';
import { findMainContent, prepareDocument, type ContentFlags } from './html-content.js';
import { parsePageDate } from './html-date.js';
import { byTag, collapse, textOf } from './html-dom.js';
import { imageSource, takeFigures } from './html-images.js';
import { readMetadata } from './html-metadata.js';
import { dropNoise } from './html-noise.js';
import { articleMarkup } from './html-fragment.js';
import { capNesting } from './html-nesting.js';
import { takeLeadCaptions } from './html-lead-captions.js';
import { unwrapLayoutTables } from './html-layout-tables.js';
import { markParagraphs } from './html-paragraphs.js';
import { selectAll, selectValue } from './html-rules.js';
import { titleFromDocument } from './html-title.js';

export interface HtmlExtractOptions {
  /** Where the page was served from: relative URLs resolve against it. */
  url?: string | null;
  rules?: Partial<ExtractRules>;
}

type Flags = ContentFlags & { conditional: boolean };

// Like Readability: when the strict pass finds little text, relax step by step and keep the best.
const PASSES: Flags[] = [
  { stripUnlikely: true, weightClasses: true, conditional: true },
  { stripUnlikely: false, weightClasses: true, conditional: true },
  { stripUnlikely: false, weightClasses: false, conditional: true },
  { stripUnlikely: false, weightClasses: false, conditional: false },
];
const ENOUGH_TEXT = 500;

export function extractHtml(html: string, options: HtmlExtractOptions = {}): RawStory {
  let best: RawStory | null = null;
  let bestLength = -1;
  for (const flags of options.rules?.body ? PASSES.slice(0, 1) : PASSES) {
    const raw = extractPass(html, options, flags);
    const length = (raw.paragraphs ?? []).join(' ').length;
    // A short story found by a stricter pass is kept against a longer block (a comment, a
    // promo) that a looser pass finds elsewhere: more text wins only when it holds the story.
    if (best && bestLength >= SHORT_STORY && !holds(raw, best)) break;
    if (length > bestLength) {
      best = raw;
      bestLength = length;
    }
    if (length >= ENOUGH_TEXT) break;
  }
  return best!;
}

const SHORT_STORY = 150;

/** Whether most of `story`'s paragraphs are in `candidate` too. */
function holds(candidate: RawStory, story: RawStory): boolean {
  const text = (candidate.paragraphs ?? []).join('\n');
  const paragraphs = story.paragraphs ?? [];
  return paragraphs.filter((p) => text.includes(p)).length >= paragraphs.length / 2;
}

function extractPass(html: string, options: HtmlExtractOptions, flags: Flags): RawStory {
  const rules = options.rules ?? {};
  // cheerio/slim parses with htmlparser2 (no parse5): the same tree at the same cost, plus its selection API.
  const $ = load(html);
  const doc = $.root()[0]!;
  capNesting(doc);
  const meta = readMetadata(doc);
  const base = options.url ?? (meta.canonical && /^https?:/.test(meta.canonical) ? meta.canonical : null);
  const resolve = urlResolver(base);
  for (const css of rules.remove ?? []) for (const el of selectAll(doc, css)) removeElement(el);

  const title = rules.title ? selectValue(doc, rules.title)?.value ?? null : meta.title ?? documentTitle(doc, meta.documentTitle);
  const byline = takeByline(doc, rules.byline, meta.byline);
  const published = parsePageDate(rules.date ? selectValue(doc, rules.date)?.value : meta.published);
  const dateline = rules.dateline ? selectValue(doc, rules.dateline) : null;
  if (dateline) removeElement(dateline.element);
  const ruleImage = rules.image ? selectValue(doc, rules.image) : null;

  const allowIframes = rules.allowIframes ?? [];
  if (allowIframes.length) keepAllowedIframes(doc, allowIframes);
  prepareDocument(doc, { ...flags, keepIframes: allowIframes.length > 0 });
  markParagraphs(doc);
  const main = rules.body ? { article: containerOf(selectAll(doc, rules.body)), scope: null } : findMainContent(doc, flags);
  const { article } = main;
  const images = [...(main.scope ? takeFigures(main.scope, resolve) : []), ...takeFigures(article, resolve)];
  const lead = ruleImage ? (ruleImage.element.name === 'img' ? imageSource(ruleImage.element) : ruleImage.value) : meta.images[0];
  if (lead && !images.some((i) => i.url === resolve(lead))) images.unshift({ url: resolve(lead), caption: null, credit: null });
  dropNoise($, article);
  cleanArticle(article, title, { ...flags, conditional: flags.conditional && !rules.body });
  unwrapLayoutTables(article);
  images.push(...takeLeadCaptions(article, resolve));
  absolutizeUrls(article, resolve);

  const canonical = meta.canonical ? resolve(meta.canonical) : null;
  return {
    title,
    url: canonical ?? options.url ?? null,
    byline,
    images,
    dateline: dateline ? { text: dateline.value, place: null, region: null, country: null, agency: null, date: null } : null,
    paragraphs: withoutTitle(bodyParagraphs(article), title),
    // Unsanitized: the normalizer sanitizes body HTML last, whatever input it came from.
    html: articleMarkup(article),
    published,
    updated: parsePageDate(meta.modified),
    categories: meta.categories,
    language: meta.language,
  };
}

const HEADINGS = new Set(['h1', 'h2']);

/** The <title> without site name and section trail; the first <h1> when there is no <title>. */
function documentTitle(doc: Document, titleText: string | null): string | null {
  const headings = byTag(doc, HEADINGS);
  if (titleText) return titleFromDocument(titleText, headings.map((h) => collapse(textOf(h))));
  const h1 = headings.find((h) => h.name === 'h1');
  return h1 ? collapse(textOf(h1)) || null : null;
}

/** The byline as given by a rule, metadata or the page; its element leaves the body either way. */
function takeByline(doc: Document, rule: string | undefined, fromMeta: string | null): string | null {
  const found = rule ? selectValue(doc, rule) : null;
  const visible = found ? { element: found.element, text: found.value } : findByline(doc);
  if (visible) removeElement(visible.element);
  return (found?.value ?? fromMeta ?? visible?.text ?? null) || null;
}

/**
 * Layouts without headings repeat the headline as the first block of text, sometimes with
 * a short line after it (a date, a kicker) that only a single <br> set apart: that line
 * stays, as its own paragraph.
 */
function withoutTitle(paragraphs: string[], title: string | null): string[] {
  const first = paragraphs[0];
  if (first === undefined || !title) return paragraphs;
  const heading = collapse(title);
  if (first === heading) return paragraphs.slice(1);
  const rest = first.startsWith(heading + ' ') ? first.slice(heading.length + 1) : '';
  return rest && rest.length <= MAX_TITLE_TAIL ? [rest, ...paragraphs.slice(1)] : paragraphs;
}
const MAX_TITLE_TAIL = 60;

function containerOf(elements: Element[]): Element {
  const box = new Element('div', {});
  for (const el of elements) {
    removeElement(el);
    appendChild(box, el);
  }
  return box;
}
