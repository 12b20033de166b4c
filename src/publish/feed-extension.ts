// The one place where wirefeed extends the `feed` package (v6), which builds our RSS 2.0
// and Atom 1.0 documents (render-rss.ts, render-atom.ts). What feed 6 lacks, and what
// this module does about it:
//
// Text that does not survive it (its serializer, xml-js, is lossy):
// - Titles, descriptions and content go into CDATA, and only the first "]]>" of a value
//   is split: a second one ends the section early and breaks the document.
//   -> Those values are carried by reference (`FeedValues.ref()`): feed writes a
//   placeholder, and the output gets the value, escaped as text (no CDATA at all). This is
//   also what keeps the cost near a hand-written writer's: the bulk of a feed (story
//   HTML, megabytes) is not serialized by xml-js and parsed back.
// - Plain text elements are "desanitized" first ("&amp;" becomes "&" before escaping),
//   so a literal "&amp;" in a title comes out as "&".
//   -> `text()` escapes "&" once more where feed does not (its own URL and generator
//   fields already are), which is exactly what xml-js then undoes.
// - Attribute values escape only '"' ("<" in an Atom category stays raw): the document
//   is read back and re-serialized by xml-writer.ts, which escapes everything.
//
// Elements and attributes it cannot emit (added here to the document it produced):
// - RSS: `media:content` with caption and photographer credit, `media:credit` with its
//   role at item level for every other non-author credit, one `dc:creator` per
//   author (its `<author>` must be an e-mail address), the RFC 5005 `next` link, and the
//   dc/content/media namespaces whether or not an item has content.
// - Atom: RFC 6721 `at:deleted-entry` tombstones for withdrawn stories (feed-model.ts
//   `withdrawn`), with their namespace; `xml:lang`, the same Media RSS credits and pictures as RSS, link `type`s, alternate links to the other formats, the RFC 5005
//   `next` link, and plain-text titles and summaries (it declares them all `type="html"`).
//
// It also declares `encoding="utf-8"` with 4-space indentation; the re-serialized output
// is the same document with our declaration and 2-space indentation.
import type { FeedItem, FeedModel, WithdrawnItem } from './feed-model.js';
import { el, serializeXml, xmlClean, type XmlElement } from './xml-writer.js';

/** A value for a plain text element that feed does not escape itself (see above). */
export function text(value: string): string {
  return xmlClean(value).replace(/&/g, '&amp;');
}

/**
 * Values of the elements feed writes as CDATA (titles, descriptions, content), carried
 * by reference. A placeholder is U+FFFF, a number, U+FFFF: xmlClean drops U+FFFF from
 * every text handed to feed (`text()`), so no real text can look like one.
 */
export class FeedValues {
  private readonly values: string[] = [];

  ref(value: string): string {
    // Not cleaned here: xml-writer cleans all text on output, and only feed's own text
    // (cleaned by `text()`) is looked at for placeholders.
    this.values.push(value);
    return `\uFFFF${this.values.length - 1}\uFFFF`;
  }

  /** The value behind a placeholder, or the text itself. */
  resolve(text: string): string {
    const ref = /^\uFFFF(\d+)\uFFFF$/.exec(text);
    return ref ? this.values[Number(ref[1])]! : text;
  }
}

// feed's output is read back with a small tokenizer for exactly what xml-js writes (an XML
// declaration, elements with double-quoted attributes, text with &amp; &lt; &gt; &quot;,
// CDATA holding only our placeholders; no comments, no DTD): about 2.5x faster than a
// general parser (htmlparser2) on a 200-entry feed, and a mismatched end tag throws.
const TOKEN = /<\?[^?]*\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)="([^"]*)"/g;
const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => (s.includes('&') ? s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => ENTITY[name]!) : s);

interface OpenElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** feed's output as a tree: whitespace between elements dropped, placeholders resolved. */
export function readFeedXml(xml: string, values: FeedValues): XmlElement {
  const stack: OpenElement[] = [{ name: '', attrs: {}, children: [], text: '' }];
  for (const m of xml.matchAll(TOKEN)) {
    const top = stack[stack.length - 1]!;
    const [, cdataText, endName, startName, attrText, selfClosing, text] = m;
    if (cdataText !== undefined) top.text += cdataText;
    else if (endName !== undefined) {
      if (endName !== top.name || stack.length === 1) throw new Error(`feed output: unexpected </${endName}>`);
      stack.pop();
      stack[stack.length - 1]!.children.push(
        top.children.length > 0 || top.text === ''
          ? { name: top.name, attrs: top.attrs, children: top.children }
          : { name: top.name, attrs: top.attrs, text: values.resolve(top.text) },
      );
    } else if (startName !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(ATTR)) attrs[a[1]!] = decode(a[2]!);
      if (selfClosing) top.children.push({ name: startName, attrs, children: [] });
      else stack.push({ name: startName, attrs, children: [], text: '' });
    } else if (text !== undefined) top.text += decode(text);
  }
  const root = stack[0]!.children[0];
  if (stack.length !== 1 || !root) throw new Error('feed output: unterminated document');
  return root;
}

const children = (node: XmlElement): XmlElement[] => (node.children ?? []).filter((c): c is XmlElement => Boolean(c));
const named = (node: XmlElement, name: string): XmlElement[] => children(node).filter((c) => c.name === name);

const RSS_NS = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

/** feed's RSS 2.0 for `feed`, completed with what feed cannot emit; serialized. */
export function extendRss(xml: string, values: FeedValues, feed: FeedModel): string {
  const rss = readFeedXml(xml, values);
  const [channel] = named(rss, 'channel');
  if (!channel) throw new Error('feed produced RSS without a channel');
  const items = named(channel, 'item');
  const head = children(channel).filter((c) => c.name !== 'item');
  // RFC 5005 §3: paged feeds link to the next (older) page.
  if (feed.nextUrl) head.push(el('atom:link', { href: feed.nextUrl, rel: 'next', type: feed.self.mediaType }));
  const root = el('rss', { version: '2.0', ...RSS_NS }, [
    el('channel', [...head, ...items.map((item, i) => extendRssItem(item, feed.items[i]!))]),
  ]);
  return serializeXml(root);
}

function extendRssItem(item: XmlElement, m: FeedItem): XmlElement {
  return el('item', [
    ...children(item),
    // RSS <author> must be an e-mail address; names go in dc:creator, one per author.
    ...m.authors.map((name) => el('dc:creator', name)),
    ...mediaElements(m),
  ]);
}

/**
 * Media RSS for an item or entry: each picture with a URL as media:content with its
 * caption and credit, and every non-author credit no picture carries as media:credit at
 * item level (Media RSS allows both). A picture's credit ("Feng Li/Getty Images") stands
 * for the contributor it names.
 */
function mediaElements(m: FeedItem): XmlElement[] {
  const pictures = m.images.filter((img) => img.url);
  const pictured = (name: string) => pictures.some((img) => img.credit?.includes(name));
  return [
    ...pictures.map(mediaContent),
    ...m.contributors.filter((c) => !pictured(c.name)).map((c) => mediaCredit(c.role, c.name)),
    ...m.images
      .filter((img) => !img.url && img.credit && !m.contributors.some((c) => img.credit!.includes(c.name)))
      .map((img) => mediaCredit('photographer', img.credit!)),
  ];
}

function mediaContent(img: FeedItem['images'][number]): XmlElement {
  return el('media:content', { url: img.url ?? undefined, medium: 'image' }, [
    img.caption ? el('media:description', { type: 'plain' }, img.caption) : null,
    img.credit ? mediaCredit('photographer', img.credit) : null,
  ]);
}

/** Our credit roles that are EBU role codes (Media RSS's default scheme); the others keep their name in ours. */
const EBU_ROLES = new Set(['author', 'photographer', 'editor']);
/** The scheme of roles EBU has no code for (agency, contributor, other): documented in the README. */
export const CREDIT_ROLE_SCHEME = 'https://github.com/wirefeed/wirefeed#credit-roles';

function mediaCredit(role: string, name: string): XmlElement {
  return el('media:credit', { role, scheme: EBU_ROLES.has(role) ? 'urn:ebu' : CREDIT_ROLE_SCHEME }, name);
}

/** feed's Atom 1.0 for `feed`, completed with what feed cannot emit; serialized. */
export function extendAtom(xml: string, values: FeedValues, feed: FeedModel): string {
  const atom = readFeedXml(xml, values);
  const out: XmlElement[] = [];
  for (const node of children(atom)) {
    if (node.name === 'entry') continue;
    if (node.name !== 'link') {
      out.push(node);
      continue;
    }
    const rel = node.attrs?.rel;
    if (rel === 'self') out.push(el('link', { rel, type: feed.self.mediaType, href: node.attrs?.href }));
    else if (rel === 'alternate') {
      out.push(el('link', { rel, type: 'text/html', href: node.attrs?.href }));
      // The same feed in the other formats.
      for (const l of feed.links.filter((x) => x.format !== feed.self.format)) out.push(el('link', { rel: 'alternate', type: l.mediaType, href: l.href }));
    } else out.push(node);
  }
  // RFC 5005 §3: paged feeds link to the next (older) page; after feed's own links.
  if (feed.nextUrl) out.splice(out.findLastIndex((n) => n.name === 'link') + 1, 0, el('link', { rel: 'next', type: feed.self.mediaType, href: feed.nextUrl }));
  const entries = named(atom, 'entry').map((entry, i) => extendAtomEntry(entry, feed.items[i]!));
  const tombstones = (feed.withdrawn ?? []).map(tombstone);
  const ns = tombstones.length ? { 'xmlns:at': TOMBSTONES_NS } : {};
  return serializeXml(el('feed', { ...atom.attrs, 'xmlns:media': RSS_NS['xmlns:media'], ...ns, 'xml:lang': feed.language }, [...out, ...entries, ...tombstones]));
}

/** RFC 6721 (Atom tombstones): feed can emit no foreign element at feed level. */
export const TOMBSTONES_NS = 'http://purl.org/atompub/tombstones/1.0';

/** RFC 6721 §3: `ref` is the withdrawn entry's atom:id, `when` the time of withdrawal; the reason in at:comment. */
function tombstone(w: WithdrawnItem): XmlElement {
  return el('at:deleted-entry', { ref: w.item.id, when: w.at.toISOString() }, [
    el('link', { rel: 'alternate', type: 'text/html', href: w.item.link }),
    el('at:comment', w.reason),
  ]);
}

function extendAtomEntry(entry: XmlElement, m: FeedItem): XmlElement {
  return el('entry', [
    ...children(entry).map((node) => {
      // Our titles and summaries are plain text, not HTML (RFC 4287 §3.1.1.1).
      if (node.name === 'title' || node.name === 'summary') return { ...node, attrs: { type: 'text' } };
      // §4.2.7.2: rel defaults to alternate; said explicitly, with the type, for readers that do not default it.
      if (node.name === 'link' && node.attrs?.rel === undefined) return el('link', { rel: 'alternate', type: 'text/html', href: node.attrs?.href });
      return node;
    }),
    // atom:contributor has no role: the credits with their roles, as in RSS.
    ...mediaElements(m),
  ]);
}
