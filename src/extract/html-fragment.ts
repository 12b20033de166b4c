// HTML fragments as a tree: parsed under one detached root, and a lone wrapping <div> unwrapped.
import render from 'dom-serializer';
import { Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { capNesting } from './html-nesting.js';

/** An HTML fragment parsed under one detached <div>. */
export function fragmentRoot(html: string): Element {
  const children = parseDocument(html).children;
  const root = new Element('div', {}, children);
  for (const child of children) child.parent = root;
  capNesting(root);
  return root;
}

/** The article's own container adds nothing around the body: its children are the body. */
export function unwrapLoneDiv(root: Element): void {
  for (;;) {
    const tags = root.children.filter(isTag);
    const only = tags[0];
    if (tags.length !== 1 || only!.name !== 'div' || root.children.some((c) => isText(c) && c.data.trim())) return;
    root.children = only!.children;
    for (const c of root.children) c.parent = root;
  }
}

/** The article's markup for the normalizer (which sanitizes it): its own container unwrapped, serialized. */
export function articleMarkup(root: Element): string {
  unwrapLoneDiv(root);
  return render(root.children, { decodeEntities: true });
}
