// Making hostile or broken XML safe and well-formed enough for a strict parser.
import render from 'dom-serializer';
import { isCDATA, isTag, isText, type ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { AppError } from '../errors.js';

// A DTD internal subset is where external entities (XXE) and entity-expansion bombs
// live; feeds, sitemaps and NITF have no use for one, so every markup declaration
// (XML 1.0 §2.8: DOCTYPE with its subset; ENTITY, ELEMENT, ATTLIST, NOTATION) is
// removed before any parser runs.
const DECLARATION = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/gi;
const HAS_DECLARATION = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
/** Removing one declaration can join the text around it into another (`<!DOC<!DOCTYPE z>TYPE`): a few passes, then refusal. */
const MAX_PASSES = 4;
// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F).
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BARE_AMPERSAND = /&(?!#\d+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/gi;

/**
 * Removes the BOM, characters XML forbids and every markup declaration (DOCTYPE with its
 * entity declarations), until none is left. Characters go first: a NUL inside
 * `<!DOC\0TYPE` must not rebuild a DOCTYPE after the declarations are gone.
 * Throws PARSE_FAILED when a declaration is unterminated or keeps rebuilding itself.
 */
export function sanitizeXml(text: string): string {
  return stripDeclarations(cleanXmlChars(text));
}

/** The BOM and characters XML forbids removed; markup left as it is (JSON feeds get this only). */
export function cleanXmlChars(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(INVALID_XML_CHARS, '');
}

function stripDeclarations(text: string): string {
  let out = text;
  for (let pass = 0; pass < MAX_PASSES && HAS_DECLARATION.test(out); pass++) out = stripOnce(out);
  if (HAS_DECLARATION.test(out)) throw new AppError('PARSE_FAILED', 'refused: the document rebuilds a DOCTYPE or entity declaration each time one is removed');
  return out;
}

/** One left-to-right pass: linear, since scanning resumes after each removed declaration. */
function stripOnce(text: string): string {
  const parts: string[] = [];
  let at = 0;
  DECLARATION.lastIndex = 0;
  for (let m = DECLARATION.exec(text); m; m = DECLARATION.exec(text)) {
    const end = declarationEnd(text, m.index + 2);
    if (end < 0) throw new AppError('PARSE_FAILED', `refused: unterminated ${m[0].slice(2).toUpperCase()} declaration`);
    parts.push(text.slice(at, m.index));
    at = DECLARATION.lastIndex = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Where the declaration starting before `from` ends (just past its `>`), or -1. Quoted
 * literals, comments, processing instructions and the `[...]` internal subset may hold
 * a `>` that does not end it.
 */
function declarationEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '>' && depth === 0) return i + 1;
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else i = literalEnd(text, i);
    if (i < 0) return -1;
  }
  return -1;
}

/** The last index of a quoted literal, comment or processing instruction starting at `i`; `i` when none starts there; -1 when unterminated. */
function literalEnd(text: string, i: number): number {
  const c = text[i]!;
  const close = (found: number, length: number) => (found < 0 ? -1 : found + length - 1);
  if (c === '"' || c === "'") return text.indexOf(c, i + 1);
  if (text.startsWith('<!--', i)) return close(text.indexOf('-->', i + 4), 3);
  if (text.startsWith('<?', i)) return close(text.indexOf('?>', i + 2), 2);
  return i;
}

/**
 * Re-serializes a broken document through htmlparser2's forgiving tokenizer: unclosed
 * and mismatched tags are closed, a truncated tail is cut at the last complete node,
 * bare `&` and `<` in text are escaped. Entity references are kept as written so that
 * the strict parser decodes them (HTML named entities included) exactly once.
 */
export function repairXml(text: string): string {
  const doc = parseDocument(sanitizeXml(text), { xmlMode: true, decodeEntities: false });
  escapeStrayMarkup(doc.children);
  // Serializing builds no declaration from text it escaped; checked all the same.
  return stripDeclarations(render(doc, { xmlMode: true, decodeEntities: false }));
}

function escapeStrayMarkup(nodes: ChildNode[]): void {
  for (const node of nodes) {
    if (isText(node)) {
      node.data = node.data.replace(BARE_AMPERSAND, '&amp;').replace(/</g, '&lt;');
    } else if (isTag(node)) {
      for (const [name, value] of Object.entries(node.attribs)) {
        node.attribs[name] = value.replace(BARE_AMPERSAND, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      }
      escapeStrayMarkup(node.children);
    } else if (!isCDATA(node) && 'children' in node) {
      escapeStrayMarkup(node.children);
    }
  }
}
