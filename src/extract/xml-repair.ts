// Making hostile or broken XML safe and well-formed enough for a strict parser.
import render from 'dom-serializer';
import { isCDATA, isTag, isText, type ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';

// A DTD internal subset is where external entities (XXE) and entity-expansion bombs
// live; feeds and sitemaps have no use for one, so it is dropped before any parser runs.
const DOCTYPE = /<!DOCTYPE[^[>]*(?:\[[\s\S]*?\]\s*)?>/gi;
// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F).
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BARE_AMPERSAND = /&(?!#\d+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/gi;

/** Removes the BOM, any DOCTYPE (with its entity declarations) and characters XML forbids. */
export function sanitizeXml(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(DOCTYPE, '').replace(INVALID_XML_CHARS, '');
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
  return render(doc, { xmlMode: true, decodeEntities: false });
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
