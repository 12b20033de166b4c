// A paragraph that announces an embed ("Here's the video of the rescue:", "Watch the moment
// below:", "See the post here:") reads as a dangling sentence once the embed itself is gone:
// extraction drops scripts and unlisted iframes, and plain text never had them. It stays
// only when something to show still follows it: a picture or allowed embed in the markup,
// or what an embed leaves as text (a tweet's signature line, the post's bare address);
// and when a list or a quote follows, the colon introduces that: the paragraph is text.
import { isTag, isText, type AnyNode } from 'domhandler';
import { bodyBlocks } from '../extract/html-blocks.js';
import { fragmentRoot } from '../extract/html-fragment.js';

const MAX_LEAD_IN = 160;
const ENDS_WITH_COLON = /:\s*$/;
const MEDIA_WORD = /\b(?:videos?|clips?|footage|tweets?|posts?|photos?|pictures?|images?|graphics?|charts?|maps?|gallery|slideshow|interactive|livestream|stream|thread|reel|moment|scene)\b/i;
/**
 * Imperatives and presentatives that point at something shown: the thing shown is named
 * within a few words ("Here's the video of the drill:", "Watch the moment:"), or the
 * paragraph ends pointing ("... check out the footage below:"). "Here's some example code
 * to generate an embeddable image:" names code, not the picture.
 */
const POINTER = /^(?:watch|see|view|look\s+at|check\s+out|take\s+a\s+look\s+at|listen\s+to|here(?:'s|’s|\s+is|\s+are))\s+((?:\S+\s+){0,3}\S+)/i;
const POINTS_AT_END = /\b(?:below|above|here)\s*:\s*$/i;
/** What an embed leaves as text when only its fallback survives. */
const EMBED_REMNANT = [
  /^(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S+$/i,
  /\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}$/, // "— Jane Doe (@janedoe) March 4, 2026"
  /^A post shared by\b/i,
  /pic\.twitter\.com\/\w+/i,
];
/** A list item or a quotation as plain text: "- ", "• ", "1. ", an opening quote mark. */
const LIST = /^(?:[-•*–]\s|\d{1,2}[.)]\s)/;
const QUOTE = /^["“‘«„]/;
const SPEECH = /\b(?:what|how|said|says|told|tells|saying|reads?)\b/i;
const MEDIA_TAGS = new Set(['img', 'iframe', 'video', 'audio', 'embed', 'object', 'picture']);
const LIST_OR_QUOTE_TAGS = new Set(['li', 'blockquote', 'dd', 'dt', 'q', 'pre', 'code', 'table']);

export function isEmbedLeadIn(paragraph: string): boolean {
  if (paragraph.length > MAX_LEAD_IN || !ENDS_WITH_COLON.test(paragraph) || !MEDIA_WORD.test(paragraph)) return false;
  if (POINTS_AT_END.test(paragraph)) return true;
  const named = POINTER.exec(paragraph);
  return named !== null && MEDIA_WORD.test(named[0]);
}

/**
 * `body` without the lead-ins whose embed is gone. `markup` is the story's sanitized body
 * HTML, when it has one: its pictures and embeds count as what follows a paragraph.
 */
export function dropEmbedLeadIns(body: string[], markup: string | null): string[] {
  const leadIns = body.flatMap((p, i) => (isEmbedLeadIn(p) ? [i] : []));
  if (leadIns.length === 0) return body;
  const shown = markup ? paragraphsIntroducing(markup) : new Set<string>();
  const drop = new Set(leadIns.filter((i) => !shown.has(body[i]!) && !introduces(body[i]!, body[i + 1])));
  if (drop.size === 0 || drop.size === body.length) return body;
  return body.filter((_, i) => !drop.has(i));
}

function introduces(leadIn: string, next: string | undefined): boolean {
  if (next === undefined) return false;
  if (EMBED_REMNANT.some((re) => re.test(next)) || LIST.test(next)) return true;
  // "Here's what the mayor said in the clip:" introduces her words; "Here's the video:" does not.
  return QUOTE.test(next) && SPEECH.test(leadIn);
}

/**
 * The texts of the markup's paragraphs that introduce something: a picture or an embed
 * before the next paragraph, or a next paragraph that is a list item or a quotation.
 */
function paragraphsIntroducing(markup: string): Set<string> {
  const root = fragmentRoot(markup);
  const order = new Map<AnyNode, number>();
  const media: number[] = [];
  const walk = (node: AnyNode) => {
    order.set(node, order.size);
    if (isTag(node) && MEDIA_TAGS.has(node.name)) media.push(order.size - 1);
    if ('children' in node) for (const c of node.children) walk(c);
  };
  walk(root);
  const blocks = bodyBlocks(root);
  const out = new Set<string>();
  blocks.forEach((b, k) => {
    const end = order.get(b.nodes[b.nodes.length - 1]!) ?? -1;
    const next = blocks[k + 1]?.nodes.find((n) => isText(n) && n.data.trim());
    const until = next ? (order.get(next) ?? Infinity) : Infinity;
    if (media.some((m) => m > end && m < until) || (next && inListOrQuote(next))) out.add(b.text);
  });
  return out;
}

function inListOrQuote(node: AnyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (isTag(p) && LIST_OR_QUOTE_TAGS.has(p.name)) return true;
  return false;
}
