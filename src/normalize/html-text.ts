// Conversions between plain-text paragraphs and the `<p>` HTML a Story carries.
import * as cheerio from 'cheerio';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

/** Block-level text of an HTML fragment, one entry per paragraph-like element. */
export function htmlToParagraphs(html: string): string[] {
  const $ = cheerio.load(html, { xml: false }, false);
  const blocks = $('p, li, h2, h3, h4, blockquote, pre');
  const texts = blocks.length
    ? blocks.toArray().map((el) => $(el).text())
    : $.root().text().split(/\n\s*\n/);
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}
