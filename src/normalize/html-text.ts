// Conversions between plain-text paragraphs and the HTML a Story carries.
import { isTag, isText, Text, type AnyNode, type Element } from 'domhandler';
import render from 'dom-serializer';
import { removeElement, replaceElement } from 'domutils';
import { textOf } from '../extract/html-dom.js';
import { bodyBlocks } from '../extract/html-blocks.js';
import { fragmentRoot, unwrapLoneDiv } from '../extract/html-fragment.js';
import { sanitizeMarkup, type SanitizeOptions } from './html-sanitize.js';
import { escapeHtml } from '../escape-html.js';

export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

/**
 * The paragraphs of (sanitized) body HTML, read as the page extractor reads a page, so
 * that body.text is what body.html shows. Markup with no elements is text: blank lines part it.
 */
export function htmlToParagraphs(html: string): string[] {
  const root = fragmentRoot(html);
  if (root.children.some(isTag)) return bodyBlocks(root).map((b) => b.text);
  return textOf(root).split(/\n\s*\n/).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

export interface AlignOptions extends SanitizeOptions {
  /** body[0] lost a dateline ("TOKYO, Japan — ") at its start, which the HTML must lose too. */
  datelineCut: boolean;
  /** Image URLs the story lists in `images`: the same picture inline would be shown twice. */
  listedImages: ReadonlySet<string>;
}

/**
 * `html` is the sanitizer's output (sanitizeFragment), cut down to the paragraphs that became body.text:
 * blocks the normalizer dropped (bylines, credit lines, promos, dropParagraphs, the title
 * repeat) leave the markup too, and the dateline leaves the first paragraph. Null when
 * the HTML's paragraphs cannot be matched to `body` in order; the caller then falls back
 * to plain paragraphs, so body.html never says something body.text does not.
 */
export function alignBodyHtml(html: string, body: readonly string[], options: AlignOptions): string | null {
  const root = fragmentRoot(html);
  if (!root.children.some(isTag)) return null;
  const blocks = bodyBlocks(root);
  const wanted = body.map((p) => p.replace(/\s+/g, ' ').trim());
  const kept = new Set<number>();
  let j = 0;
  let changed = false;
  for (const [i, p] of wanted.entries()) {
    const cut = i === 0 && options.datelineCut;
    while (j < blocks.length && !sameParagraph(blocks[j]!.text, p, cut)) j++;
    if (j === blocks.length) return null;
    if (cut && blocks[j]!.text !== p) {
      cutPrefix(blocks[j]!.nodes, nonSpace(blocks[j]!.text) - nonSpace(p));
      changed = true;
    }
    kept.add(j++);
  }
  const listed = imagesIn(root).filter((img) => options.listedImages.has(img.attribs.src ?? ''));
  // Most pages: every block is a body paragraph. The markup is the sanitizer's output as it stands.
  if (!changed && kept.size === blocks.length && listed.length === 0) return html;
  blocks.forEach((b, k) => kept.has(k) || b.nodes.forEach((n) => removeElement(n)));
  for (const img of listed) removeElement(img);
  pruneEmpty(root);
  unwrapLoneDiv(root);
  // The sanitizer stays the last step that touches markup, also after this edit.
  const out = sanitizeMarkup(render(root.children, { decodeEntities: true }), options);
  const check = bodyBlocks(fragmentRoot(out)).map((b) => b.text);
  return check.length === wanted.length && check.every((t, k) => t === wanted[k]) ? out : null;
}

function sameParagraph(text: string, p: string, cut: boolean): boolean {
  return text === p || (cut && text.length > p.length && text.endsWith(p));
}

function nonSpace(s: string): number {
  return s.replace(/\s+/g, '').length;
}

/** Drops the first `count` non-space characters of a paragraph's text, and the space after them. */
function cutPrefix(nodes: readonly Text[], count: number): void {
  let left = count;
  for (const node of nodes) {
    if (left === 0) {
      node.data = node.data.trimStart();
      if (node.data) return;
      continue;
    }
    let i = 0;
    for (; i < node.data.length && left > 0; i++) if (!/\s/.test(node.data[i]!)) left -= 1;
    node.data = node.data.slice(i).trimStart();
    if (left === 0 && node.data) return;
  }
}

function imagesIn(node: AnyNode, out: Element[] = []): Element[] {
  if (!('children' in node)) return out;
  for (const c of node.children) {
    if (isTag(c) && c.name === 'img') out.push(c);
    imagesIn(c, out);
  }
  return out;
}

/** Elements that are content without text. */
const MEDIA = new Set(['img', 'iframe']);
/** Kept even when empty (structure), but no reason to keep a parent. */
const STRUCTURE = new Set(['br', 'hr', 'td', 'th', 'tr']);

type Content = 'text' | 'space' | 'none';
const BLOCK_TAGS = new Set(['p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tfoot', 'caption']);

/**
 * Removes elements left with no text and no picture after paragraphs were taken out. An
 * inline one that held only a space becomes that space: it may be all that parts two words.
 */
function pruneEmpty(node: AnyNode): Content {
  if (isText(node)) return node.data.trim() ? 'text' : node.data ? 'space' : 'none';
  if (!('children' in node)) return 'none';
  if (isTag(node) && MEDIA.has(node.name)) return 'text';
  let content: Content = 'none';
  for (const child of [...(node as Element).children]) {
    const c = pruneEmpty(child);
    if (c === 'text' || (c === 'space' && content === 'none')) content = c;
  }
  if (content === 'text' || !isTag(node) || STRUCTURE.has(node.name) || !node.parent) return content;
  if (content === 'space' && !BLOCK_TAGS.has(node.name)) replaceElement(node, new Text(' '));
  else removeElement(node);
  return BLOCK_TAGS.has(node.name) ? 'none' : content;
}
