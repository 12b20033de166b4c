const MAX = 300;

/** First sentences of the body, plain text, at most 300 characters, cut at a word. */
export function summarize(paragraphs: readonly string[]): string {
  const text = paragraphs.join(' ').replace(/\s+/g, ' ').trim();
  if (text.length <= MAX) return text;
  const sentences = text.match(/.+?[.!?]+["'”’)]*(?=\s|$)\s*/g) ?? [];
  let out = '';
  for (const s of sentences) {
    if ((out + s).trim().length > MAX) break;
    out += s;
  }
  if (out.trim()) return out.trim();
  const cut = text.slice(0, MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).trim()}…`;
}
