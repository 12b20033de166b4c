// Short blocks inside the chosen article that are page furniture, not story: "Updated ..." and reading-time lines, tag lists, promo and share
// prompts ("Don't miss", "See more", newsletter sign-ups), and text repeated by galleries.
// Judged by what the text says, so they go whatever the site's class names are. Captions
// outside <figure> stay unless repeated: both corpora count a caption as story text.
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { removeElement } from 'domutils';
import { hasAncestor, textWithin } from './html-dom.js';

/** Code and tables repeat cells and lines on purpose. */
const VERBATIM = new Set(['pre', 'code', 'table']);

const LINES = 'p, div, li, h2, h3, h4, h5, h6, span, dd, dt, small, time';

const PROMO = new RegExp(
  '^(?:' +
    [
      "don[’']?t miss", 'see (?:more|also|all)', 'read (?:more|next|also)', 'more (?:from|on|about|stories|news|coverage)', 'also (?:read|see)',
      'related(?: (?:stories|articles|coverage|content|links|posts|news))?\\s*:', 'recommended(?: for you)?', 'you (?:may|might) (?:also )?like',
      'sign up', 'subscribe', 'join (?:our|the) (?:newsletter|mailing list)', 'get (?:our|the) .{0,30}newsletter', 'share (?:this|on|via)',
      'follow us', 'click here', 'comments?(?:\\s*\\(\\d+\\))?$', '(?:leave|add|post) a comment', 'view comments', 'advertisement$', 'sponsored',
      'watch(?: the)? video', 'trending(?: now)?\\s*:', 'popular(?: now)?\\s*:',
    ].join('|') +
    ')',
  'i',
);
const TAGS = /^(?:tags?|keywords|topics|filed under|categories|related topics)\s*:/i;
const READING_TIME = /^(?:reading time\s*:?\s*)?\d+\s*(?:-\s*\d+\s*)?min(?:ute)?s?(?:\s+read)?$/i;
const STAMP = /^(?:updated|last updated|published|posted|first published|modified)\b[\s:]*(?=.*\d).{0,60}$/i;
const MAX_PROMO = 120;
/** Whole blocks only: an inline <span> repeats ("Retrieved 7 May" in every citation) without being a caption. */
const BOXES = new Set(['div', 'li', 'dd', 'dt']);
const MAX_REPEAT = 300;
const MAX_CAPTION = 200;

export function dropNoise($: CheerioAPI, article: Element): void {
  const seen = new Map<string, Element>();
  $(article).find(LINES).each((_, el) => {
    if (!el.parent || hasAncestor(el, VERBATIM, 50)) return;
    const text = textWithin(el, MAX_REPEAT);
    if (!text) return;
    if ((text.length <= MAX_PROMO && PROMO.test(text)) || TAGS.test(text) || READING_TIME.test(text) || STAMP.test(text)) {
      removeElement(el);
      return;
    }
    // A gallery prints each caption again per slide: a box (not a paragraph: stories may
    // repeat one) whose text came before goes.
    if (!BOXES.has(el.name)) return;
    const earlier = seen.get(text);
    if (earlier && text.length >= 20 && text.length <= MAX_CAPTION && !contains(earlier, el)) removeElement(el);
    else seen.set(text, el);
  });
}

function contains(outer: Element, inner: Element): boolean {
  for (let p: AnyNode | null = inner.parent; p; p = p.parent) if (p === outer) return true;
  return false;
}
