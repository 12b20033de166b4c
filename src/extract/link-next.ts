// The next listing page: the source's `next` selector when configured; else the page's
// rel="next", or a pagination / "load more" link (its plain href, not the script's JSON endpoint).
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { collapse, textOf } from './html-dom.js';
import { selectValue } from './html-rules.js';
import { resolveLink, sameSite } from './link-url.js';

const NEXT_CLASS = /(?:^|[\s_-])(?:next|load-?more|older)(?:$|[\s_-])/i;
/** "Next", "Older stories", "Load more", arrows; and the word for next in a few other languages. */
const NEXT_TEXT =
  /^(?:next|older|load more|show more|more (?:stories|articles|news|posts)|weiter|nächste|suivant|siguiente|successiv|próxima|seguinte|volgende|次へ|次のページ|下一页|다음)(?:\s|$|[^\p{L}])|^[›»→>]+$/iu;

/** `anchors`: the page's a[href], selected once by the caller. */
export function findNextPage($: CheerioAPI, anchors: Element[], page: URL, selector?: string): string | null {
  if (selector) {
    const root = $.root()[0] as AnyNode;
    const value = selectValue(root, selector.includes('@') ? selector : `${selector}@href`)?.value;
    return value ? new URL(value, page).href : null;
  }
  const rel = [...$('link[rel~="next"][href]').toArray(), ...anchors.filter((a) => /(?:^|\s)next(?:\s|$)/i.test(a.attribs.rel ?? ''))];
  const guessed = anchors.filter((a) => NEXT_CLASS.test(a.attribs.class ?? '') || NEXT_TEXT.test(collapse(textOf(a))) || NEXT_TEXT.test(a.attribs['aria-label'] ?? ''));
  for (const el of [...rel, ...guessed]) {
    const url = resolveLink(el.attribs.href!, page);
    if (url && url.href !== page.href && sameSite(url, page)) return url.href;
  }
  return null;
}
