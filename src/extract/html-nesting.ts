// A cap on how deep parsed markup may nest. Real pages stay far below it (browsers stop
// nesting at 512); hostile ones nest thousands of levels to make every recursive walk
// (ours, the serializer's, the selector engine's) overflow the stack or go quadratic.
// Content below the cap is kept, flattened: its text and images in order, one <br><br>
// (a paragraph break, see markParagraphs) where a block ended.
import render from 'dom-serializer';
import { Element, isTag, isText, type AnyNode, type ChildNode, type ParentNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/** Deepest element level kept as parsed (the document's children are level 1). */
export const MAX_NESTING = 200;

const KEPT_LEAVES = new Set(['br', 'img', 'hr']);
/** Their text is code or data, not content. */
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'textarea']);
const INLINE = /^(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|font|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var|wbr)$/;

/** Flattens everything nested deeper than `max` levels under `root`; returns how many elements were flattened. */
export function capNesting(root: ParentNode, max = MAX_NESTING): number {
  let flattened = 0;
  const stack: [ParentNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    for (const child of node.children) {
      if (!isTag(child)) continue;
      if (depth + 1 < max) stack.push([child, depth + 1]);
      else if (child.children.some(isTag)) flattened += flatten(child);
    }
  }
  return flattened;
}

/**
 * Markup with its nesting capped, for code that reads markup as a string (the sanitizer
 * carries each element's text up to its parent: quadratic in depth). Unchanged, and not
 * rebuilt, when it nests no deeper than `max`.
 */
export function capMarkupNesting(html: string, max = MAX_NESTING): string {
  if (!nestsDeeper(html, max)) return html;
  const doc = parseDocument(html);
  capNesting(doc, max);
  return render(doc, { decodeEntities: true });
}

/** Elements that never hold others. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)/g;

/**
 * Whether any element may sit deeper than `max`. A scan of the tags, cheaper than a parse,
 * that never under-counts: a close tag only closes a matching open one (a stray close, which
 * the parser ignores too, changes nothing), and what the parser would close implicitly stays
 * open here. Stops as soon as the count passes `max`, so its stack stays small.
 */
function nestsDeeper(html: string, max: number): boolean {
  let tags = 0;
  for (let i = html.indexOf('<'); i !== -1 && tags <= max; i = html.indexOf('<', i + 1)) tags += 1;
  if (tags <= max) return false;
  const open: string[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
    } else if (!VOID.has(name) && open.push(name) > max) return true;
  }
  return false;
}

/** Replaces the element's children with the text, images and breaks under it, in order. */
function flatten(el: Element): number {
  const out: ChildNode[] = [];
  let count = 0;
  // Explicit stack of nodes to enter and blocks to close, so no depth can overflow it.
  const stack: (AnyNode | { close: string })[] = el.children.slice().reverse();
  while (stack.length) {
    const item = stack.pop()!;
    if ('close' in item) {
      const last = out[out.length - 1];
      if (last && !(isTag(last) && last.name === 'br')) out.push(new Element('br', {}), new Element('br', {}));
      continue;
    }
    if (isText(item)) out.push(item);
    else if (isTag(item)) {
      count += 1;
      if (DROPPED.has(item.name)) continue;
      if (KEPT_LEAVES.has(item.name)) {
        item.children = [];
        out.push(item);
        continue;
      }
      if (!INLINE.test(item.name)) stack.push({ close: item.name });
      for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]!);
    }
  }
  el.children = out;
  out.forEach((child, i) => {
    child.parent = el;
    child.prev = out[i - 1] ?? null;
    child.next = out[i + 1] ?? null;
  });
  return count;
}
