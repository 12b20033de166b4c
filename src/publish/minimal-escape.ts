// HTML escaping with nothing to spare: only the characters that would otherwise be read as
// markup. Story HTML travels in JSON Feed's content_html and in XML (escaped once more
// there), where an entity such as "&#39;" for a plain apostrophe is shown as is by some
// readers; the sanitizer's output is already written this way.

/** Element text: & and < start markup; > is escaped too so "]]>" never appears. */
export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** A double-quoted attribute value. */
export function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
