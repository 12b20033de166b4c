// NITF 3.x XML -> RawStory: hedline, byline, dateline, abstract, body.content paragraphs,
// media, docdata dates and keywords. Parsed with htmlparser2 in XML mode, which reads no
// DTD: external entities are never fetched and internal ones never expanded (no entity
// bombs); only XML's five entities and character references are decoded.
import type { Element } from 'domhandler';
import { findAll, findOne, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { AppError } from '../errors.js';
import type { Credit, Dateline, RawStory, StoryImage } from '../story.js';
import { sanitizeXml } from './xml-repair.js';

export interface NitfStory {
  raw: RawStory;
  /** docdata/doc-id@id-string: the wire's own identity for the story. */
  docId: string | null;
}

const SPACES = /\s+/g;
const HTTP_URL = /^https?:\/\//i;
/** Block elements of body.content read as paragraphs; media and its caption are read apart. */
const BLOCKS = new Set(['p', 'hl2', 'bq', 'pre']);

export function extractNitf(xml: string): NitfStory {
  const doc = parseDocument(sanitizeXml(xml), { xmlMode: true, decodeEntities: true });
  const nitf = findOne((e) => e.name === 'nitf', doc.children, true);
  if (!nitf) throw new AppError('PARSE_FAILED', 'not NITF: no <nitf> element');
  const head = child(nitf, 'head');
  const bodyHead = find(nitf, 'body.head');
  const content = find(nitf, 'body.content');
  const docdata = head ? child(head, 'docdata') : null;
  const release = docdata ? child(docdata, 'date.release') : null;
  const issue = docdata ? child(docdata, 'date.issue') : null;
  const pubdata = head ? child(head, 'pubdata') : null;
  const url = pubdata?.attribs['ex-ref'] ?? '';
  const byline = bodyHead ? readByline(bodyHead) : { byline: null, credits: [] };
  const raw: RawStory = {
    title: text(bodyHead && find(bodyHead, 'hl1')) || text(head && child(head, 'title')) || null,
    url: HTTP_URL.test(url) ? url : null,
    ...byline,
    dateline: bodyHead ? readDateline(bodyHead) : null,
    summary: text(bodyHead && child(bodyHead, 'abstract')) || null,
    paragraphs: [...(content ? readParagraphs(content) : []), ...readTaglines(nitf)],
    images: content ? readMedia(content) : [],
    published: release?.attribs.norm ?? issue?.attribs.norm ?? null,
    categories: docdata ? readCategories(nitf, docdata) : [],
    language: nitf.attribs['xml:lang'] ?? null,
    ...(docdata ? readLifecycle(docdata, release, issue) : {}),
  };
  const docId = docdata ? (child(docdata, 'doc-id')?.attribs['id-string'] ?? null) : null;
  return { raw, docId };
}

/**
 * NITF 3.x docdata: management-status="canceled" withdraws the story (the reason from
 * <ed-msg>); date.release is when it may be published, an embargo when it is later than
 * date.issue (or there is no issue date): stores hold a story only until a time still to come.
 */
function readLifecycle(docdata: Element, release: Element | null, issue: Element | null): Pick<RawStory, 'embargoUntil' | 'withdrawn'> {
  const status = docdata.attribs['management-status']?.trim().toLowerCase();
  const edMsg = child(docdata, 'ed-msg');
  const reason = (edMsg?.attribs.info ?? text(edMsg)).replace(SPACES, ' ').trim();
  const releaseAt = release?.attribs.norm ?? null;
  const issuedAt = issue?.attribs.norm ?? null;
  return {
    withdrawn: status === 'canceled' || status === 'cancelled' ? reason || 'canceled' : null,
    embargoUntil: releaseAt && (!issuedAt || releaseAt > issuedAt) ? releaseAt : null,
  };
}

function child(el: Element, name: string): Element | null {
  return findOne((e) => e.name === name, el.children, false);
}

function find(el: Element, name: string): Element | null {
  return findOne((e) => e.name === name, el.children, true);
}

function text(el: Element | null | undefined): string {
  return el ? textContent(el).replace(SPACES, ' ').trim() : '';
}

/** "By <person>A</person> <byttl>Staff Writer</byttl>": a comma before the title, as printed on paper. */
function readByline(bodyHead: Element): { byline: string | null; credits: Credit[] } {
  const el = child(bodyHead, 'byline');
  if (!el) return { byline: null, credits: [] };
  const parts = el.children.map((n) => {
    const t = textContent(n);
    return n.type === 'tag' && (n as Element).name === 'byttl' && t.trim() ? `, ${t}` : t;
  });
  const byline = parts.join('').replace(SPACES, ' ').replace(/\s+,/g, ',').replace(/,\s*,/g, ',').trim();
  const credits = findAll((e) => e.name === 'person', el.children).map((p): Credit => ({ name: text(p), role: 'author' }));
  return { byline: byline || null, credits: credits.filter((c) => c.name) };
}

function readDateline(bodyHead: Element): Dateline | null {
  const el = child(bodyHead, 'dateline');
  const printed = (el ? printedText(el) : '').replace(SPACES, ' ').trim().replace(/\s*(?:—|–|--|-)$/, '').replace(/,$/, '');
  if (!el || !printed) return null;
  const location = find(el, 'location');
  const storyDate = find(el, 'story.date');
  const norm = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(storyDate?.attribs.norm ?? '');
  const agency = /\(([^()]{1,30})\)/.exec(printed);
  return {
    text: printed,
    place: text(location && find(location, 'city')) || null,
    region: text(location && (find(location, 'state') ?? find(location, 'region'))) || null,
    country: text(location && find(location, 'country')) || null,
    agency: agency?.[1]?.trim() ?? null,
    date: norm ? `${norm[1]}-${norm[2]}-${norm[3]}` : null,
  };
}

/** Text with ", " between elements printed back to back ("<city>VALLETTA</city><country>Malta</country>"). */
function printedText(el: Element): string {
  let out = '';
  let lastWasElement = false;
  for (const node of el.children) {
    if (node.type === 'text') {
      out += node.data;
      if (node.data.trim()) lastWasElement = false;
    } else if (node.type === 'tag') {
      const inner = printedText(node);
      if (lastWasElement && inner.trim()) out += ', ';
      out += inner;
      lastWasElement = inner.trim() !== '';
    }
  }
  return out;
}

function readParagraphs(content: Element): string[] {
  const blocks = findAll((e) => BLOCKS.has(e.name) && !hasAncestor(e, (a) => a.name === 'media' || BLOCKS.has(a.name)), content.children);
  return blocks.map(text).filter(Boolean);
}

function hasAncestor(el: Element, test: (a: Element) => boolean): boolean {
  for (let p = el.parent; p && p.type === 'tag'; p = p.parent) if (test(p as Element)) return true;
  return false;
}

/** body.end taglines ("(Reporting by ...)"): the normalizer sorts them like any closing paragraph. */
function readTaglines(nitf: Element): string[] {
  const end = find(nitf, 'body.end');
  return end ? findAll((e) => e.name === 'tagline', end.children).map(text).filter(Boolean) : [];
}

function readMedia(content: Element): StoryImage[] {
  return findAll((e) => e.name === 'media' && (e.attribs['media-type'] ?? 'image') === 'image', content.children).map((m) => {
    const source = findOne((e) => e.name === 'media-reference', m.children, true)?.attribs.source ?? '';
    return {
      url: HTTP_URL.test(source) ? source : null,
      caption: text(find(m, 'media-caption')) || null,
      credit: text(find(m, 'media-producer')) || null,
    };
  });
}

/** docdata keywords, then tobject subjects, each once. */
function readCategories(nitf: Element, docdata: Element): string[] {
  const keywords = findAll((e) => e.name === 'keyword', docdata.children).map((k) => k.attribs.key ?? text(k));
  const subjects = findAll((e) => e.name === 'tobject.subject', nitf.children).map((s) => s.attribs['tobject.subject.matter'] ?? '');
  return [...new Set([...keywords, ...subjects].map((c) => c.trim()).filter(Boolean))];
}
