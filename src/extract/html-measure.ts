// Subtree measurements (text length, commas, link text, tag counts) computed bottom up in one
// walk, so that judging every container of a page costs one read of the page, not one read
// per container: re-reading each subtree is quadratic on deeply nested markup.
import { isTag, isText, type AnyNode, type Element, type ParentNode } from 'domhandler';

export interface Measure {
  /** Length of the text with white-space runs as one space, trimmed (collapse(textOf(el)).length). */
  length: number;
  /** Whether the text starts/ends with white space (joining two texts may merge their runs). */
  lead: boolean;
  trail: boolean;
  /** The text has white space but nothing else. */
  blankSpace: boolean;
  commas: number;
  /** Text inside <a> descendants, in-page "#" links weighted 0.3 (linkDensity's numerator). */
  linked: number;
  /** Descendants (not the element itself) per tag of interest. */
  p: number;
  img: number;
  li: number;
  input: number;
  figure: number;
  tr: number;
  /** <th>, <caption> and <thead>: a data table's marks. */
  tableHead: number;
}

const COMMAS = /[,，、،]/g;
// An allowed embed holds a container like a picture does.
const IMG = new Set(['img', 'picture', 'iframe']);

function textMeasure(data: string): Measure {
  const m = empty();
  const core = data.replace(/\s+/g, ' ').trim();
  if (!core) {
    m.blankSpace = data.length > 0;
    return m;
  }
  m.length = core.length;
  m.lead = /^\s/.test(data);
  m.trail = /\s$/.test(data);
  m.commas = core.match(COMMAS)?.length ?? 0;
  return m;
}

function empty(): Measure {
  return { length: 0, lead: false, trail: false, blankSpace: false, commas: 0, linked: 0, p: 0, img: 0, li: 0, input: 0, figure: 0, tr: 0, tableHead: 0 };
}

/** Appends `b`'s text after `a`'s (in place on `a`), as collapse() would read the two together. */
function join(a: Measure, b: Measure): void {
  if (b.length === 0) {
    if (a.length === 0) a.blankSpace ||= b.blankSpace;
    else a.trail ||= b.blankSpace;
  } else if (a.length === 0) {
    a.lead = b.lead || a.blankSpace;
    a.length = b.length;
    a.trail = b.trail;
  } else {
    a.length += b.length + (a.trail || b.lead ? 1 : 0);
    a.trail = b.trail;
  }
  a.commas += b.commas;
  a.linked += b.linked;
  a.p += b.p;
  a.img += b.img;
  a.li += b.li;
  a.input += b.input;
  a.figure += b.figure;
  a.tr += b.tr;
  a.tableHead += b.tableHead;
}

/**
 * The element's measure from its children's (which must be in `measures` already) and its
 * own text nodes; stored in `measures`. Callers walk bottom up, so each node is read once.
 */
export function measureFrom(el: Element, measures: Map<Element, Measure>): Measure {
  const m = empty();
  for (const child of el.children) {
    if (isText(child)) join(m, textMeasure(child.data));
    else if (isTag(child)) {
      const inner = measures.get(child) ?? measureTree(child, measures);
      join(m, inner);
      const name = child.name;
      if (name === 'a') m.linked += inner.length * ((child.attribs.href ?? '').startsWith('#') ? 0.3 : 1);
      else if (name === 'p') m.p += 1;
      else if (name === 'li') m.li += 1;
      else if (name === 'input') m.input += 1;
      else if (name === 'figure') m.figure += 1;
      else if (name === 'tr') m.tr += 1;
      else if (name === 'th' || name === 'caption' || name === 'thead') m.tableHead += 1;
      if (IMG.has(name)) m.img += 1;
    }
  }
  measures.set(el, m);
  return m;
}

/** Measures of `root` and every element under it, children before parents, without recursion. */
export function measureTree(root: Element, measures: Map<Element, Measure> = new Map()): Measure {
  const order = postOrder(root);
  for (const el of order) measureFrom(el, measures);
  return measures.get(root)!;
}

/** Measures of every element under `root` (a document or a fragment). */
export function measureAll(root: ParentNode): Map<Element, Measure> {
  const measures = new Map<Element, Measure>();
  for (const el of postOrder(root)) measureFrom(el, measures);
  return measures;
}

/** Elements under (and including, for an element) `root`, each after all of its descendants. */
export function postOrder(root: ParentNode): Element[] {
  const pre: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isTag(node)) pre.push(node);
    else if (node !== root) continue;
    for (const child of (node as ParentNode).children) if (isTag(child)) stack.push(child);
  }
  // Pre-order with children pushed left to right visits right to left; reversed, every
  // element comes after its descendants.
  return pre.reverse();
}

/** Share of the text inside links (0..1). */
export function densityOf(m: Measure): number {
  return m.length === 0 ? 0 : m.linked / m.length;
}
