// Pages that write paragraphs without <p>: text split by runs of <br>, or one <div> per
// paragraph. Both become <p> before scoring, so that such text votes for its container and
// the cleanup rules (which count paragraphs) see it as story text. Readability does the same.
import { Element, isTag, isText, type ChildNode, type Document } from 'domhandler';

const BLOCK = /^(?:p|div|section|article|main|header|footer|aside|blockquote|pre|ul|ol|li|dl|dt|dd|h[1-6]|table|thead|tbody|tfoot|tr|td|th|caption|figure|figcaption|hr|address|details|summary|form|fieldset|nav)$/;
/** Shorter <div> text stays a <div>: a date, a label or a caption the cleanup may still judge. */
const MIN_DIV_PARAGRAPH = 25;

const blank = (n: ChildNode) => isText(n) && !n.data.trim();
const isBr = (n: ChildNode | undefined): n is Element => n !== undefined && isTag(n) && n.name === 'br';

export function markParagraphs(root: Document | Element): void {
  mark(root);
}

interface Marked {
  /** Non-space characters of text under the node. */
  text: number;
  /** Whether a block element sits anywhere under the node. */
  block: boolean;
}

/** One bottom-up walk (linear even on deeply nested markup): children are marked before their parent is judged. */
function mark(node: Document | Element): Marked {
  let text = 0;
  let block = false;
  for (const child of node.children) {
    if (isText(child)) text += child.data.replace(/\s+/g, '').length;
    else if (isTag(child)) {
      const inner = mark(child);
      text += inner.text;
      block ||= inner.block || BLOCK.test(child.name);
    }
  }
  if (!isTag(node)) return { text, block };
  if (hasBreakRun(node)) {
    splitAtBreaks(node);
    return { text, block: true };
  }
  if (node.name === 'div' && !block && text >= MIN_DIV_PARAGRAPH) node.name = 'p';
  return { text, block };
}

/** Two <br> with nothing but white space between them. */
function hasBreakRun(el: Element): boolean {
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    if (!isBr(kids[i])) continue;
    let j = i + 1;
    while (j < kids.length && blank(kids[j]!)) j++;
    if (isBr(kids[j])) return true;
  }
  return false;
}

/** Children between <br> runs and blocks are wrapped in one <p> each; the runs go. */
function splitAtBreaks(el: Element): void {
  const kids = el.children;
  const out: ChildNode[] = [];
  let run: ChildNode[] = [];
  const flush = () => {
    if (run.some((n) => !blank(n) && !isBr(n))) out.push(new Element('p', {}, run));
    run = [];
  };
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i]!;
    if (isTag(node) && BLOCK.test(node.name)) {
      flush();
      out.push(node);
    } else if (isBr(node)) {
      let j = i + 1;
      while (j < kids.length && (blank(kids[j]!) || isBr(kids[j]))) j++;
      const breaks = kids.slice(i, j).filter(isBr).length;
      if (breaks >= 2) {
        flush();
        i = j - 1;
      } else run.push(node);
    } else run.push(node);
  }
  flush();
  // A <p> cannot hold paragraphs: the one that held the text becomes their <div>.
  if (el.name === 'p') el.name = 'div';
  el.children = out;
  out.forEach((child, i) => {
    child.parent = el;
    child.prev = out[i - 1] ?? null;
    child.next = out[i + 1] ?? null;
  });
  for (const p of out) if (isTag(p)) for (const [i, c] of p.children.entries()) {
    c.parent = p;
    c.prev = p.children[i - 1] ?? null;
    c.next = p.children[i + 1] ?? null;
  }
}
