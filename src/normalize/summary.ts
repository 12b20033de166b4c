const MAX = 300;
const SENTENCE = /.+?[.!?]+["'”’)]*(?=\s|$)\s*/g;
const SPACES = /\s+/g;

/** First sentences of the body, plain text, at most 300 characters, cut at a word. */
export function summarize(paragraphs: readonly string[]): string {
  // Only the opening matters: stop joining once past the limit (stories run to many KB).
  let text = '';
  for (const p of paragraphs) {
    text += text ? ` ${p}` : p;
    if (text.length > MAX + 1) break;
  }
  text = text.replace(SPACES, ' ').trim();
  if (text.length <= MAX) return text;
  // A sentence ending past MAX cannot fit, so the first MAX + 1 characters decide.
  const sentences = text.slice(0, MAX + 1).match(SENTENCE) ?? [];
  let out = '';
  for (const s of sentences) {
    if ((out + s).trim().length > MAX) break;
    out += s;
  }
  if (out.trim()) return out.trim();
  const cut = text.slice(0, MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).trim()}…`;
}
