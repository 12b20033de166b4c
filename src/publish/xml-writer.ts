// A minimal XML serializer: the last step of the RSS and Atom renderers, which build their
// documents with the `feed` package and complete them in feed-extension.ts. Everything is
// escaped (no CDATA, so "]]>" never appears), output is byte-for-byte deterministic.

export interface XmlElement {
  name: string;
  attrs?: Record<string, string | undefined>;
  /** Text content (escaped on output) or child elements; never both. */
  text?: string;
  children?: readonly (XmlElement | null | undefined | false)[];
}

// XML 1.0 §2.2 Char: C0 controls (except tab, LF, CR), lone surrogates and U+FFFE/FFFF
// are not allowed at all, and C1 controls are discouraged; they only ever appear as
// encoding damage, so they are dropped rather than escaped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlClean(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

/** Escapes text content; `>` too, so that "]]>" can never appear in output. */
export function escapeXmlText(s: string): string {
  return xmlClean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values keep tabs and newlines as character references (XML attribute normalization). */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function el(
  name: string,
  attrsOrContent?: Record<string, string | undefined> | string | XmlElement['children'],
  content?: string | XmlElement['children'],
): XmlElement {
  const hasAttrs = attrsOrContent !== undefined && typeof attrsOrContent === 'object' && !Array.isArray(attrsOrContent);
  const attrs = hasAttrs ? (attrsOrContent as Record<string, string | undefined>) : undefined;
  const body = hasAttrs ? content : (attrsOrContent as string | XmlElement['children'] | undefined);
  return typeof body === 'string' ? { name, attrs, text: body } : { name, attrs, children: body };
}

/** Serializes with two-space indentation; text-only elements stay on one line. */
export function serializeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(v)}"`)
    .join('');
  const children = (node.children ?? []).filter((c): c is XmlElement => Boolean(c));
  if (node.text !== undefined) {
    out.push(`${pad}<${node.name}${attrs}>${escapeXmlText(node.text)}</${node.name}>`);
  } else if (children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
  } else {
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const child of children) write(child, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}
