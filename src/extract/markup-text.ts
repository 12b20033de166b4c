// Plain text of a string that may hold HTML (feed titles, summaries, captions).
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

/** Tags stripped, entities decoded, whitespace collapsed. Text without markup comes back trimmed. */
export function markupText(value: string | null | undefined): string {
  if (!value) return '';
  const text = /[<&]/.test(value) ? textContent(parseDocument(value).children) : value;
  return text.replace(/\s+/g, ' ').trim();
}
