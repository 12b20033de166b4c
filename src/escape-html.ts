// Text into HTML and XML markup (element text and quoted attribute values): the pages, the
// preview, OPML and story HTML all write strings that came from outside.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
