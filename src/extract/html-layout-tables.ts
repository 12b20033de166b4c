// Legacy pages lay the whole page out in tables: the story sits in a <td>, often with a
// footer table inside it. Kept as they are, the body HTML would carry <tr><td> around
// prose. Layout tables (not data tables: no header cells, caption or many rows) are
// unwrapped: rows and the table go, each cell becomes a <div> (a block of its own).
import type { Element } from 'domhandler';
import { elementsIn } from './html-dom.js';
import { measureAll } from './html-measure.js';

const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr']);
const CELLS = new Set(['td', 'th']);
const MAX_LAYOUT_ROWS = 10;

export function unwrapLayoutTables(article: Element): void {
  // Most articles hold no table part at all: nothing to measure.
  if (!elementsIn(article).some((el) => TABLE_PARTS.has(el.name) || CELLS.has(el.name))) return;
  const measures = measureAll(article);
  const layout = new Set<Element>();
  for (const el of elementsIn(article)) {
    if (el.name !== 'table' || el.attribs.role === 'grid') continue;
    const m = measures.get(el)!;
    if (el.attribs.role === 'presentation' || (m.tableHead === 0 && m.tr <= MAX_LAYOUT_ROWS)) layout.add(el);
  }
  // The article container may itself be a layout cell or row (its table stayed in the page).
  const inLayout = (el: Element) => {
    const table = owningTable(el);
    return table === null ? el.parent === article || isLayoutRoot(el, article) : layout.has(table);
  };
  for (const el of elementsIn(article).reverse()) {
    if (CELLS.has(el.name) && inLayout(el)) {
      el.name = 'div';
      el.attribs = {};
    } else if (TABLE_PARTS.has(el.name) && (el.name === 'table' ? layout.has(el) : inLayout(el))) unwrap(el);
  }
}

function owningTable(el: Element): Element | null {
  for (let p = el.parent; p && 'name' in p; p = p.parent) if ((p as Element).name === 'table') return p as Element;
  return null;
}

/** A cell or row whose table is outside the article: only the container's own cells and rows. */
function isLayoutRoot(el: Element, article: Element): boolean {
  for (let p = el.parent; p && p !== article; p = p.parent) if (!TABLE_PARTS.has((p as Element).name)) return false;
  return true;
}

/** The element's children take its place. */
function unwrap(el: Element): void {
  const parent = el.parent;
  if (!parent) return;
  const at = parent.children.indexOf(el);
  parent.children.splice(at, 1, ...el.children);
  for (const c of el.children) c.parent = parent;
  parent.children.forEach((c, i) => {
    c.prev = parent.children[i - 1] ?? null;
    c.next = parent.children[i + 1] ?? null;
  });
  el.children = [];
  el.parent = null;
}
