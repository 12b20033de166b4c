// Plain text of a string that may hold HTML (feed titles, summaries, captions).
import { parseDocument } from 'htmlparser2';
import { textOf } from './html-dom.js';

/** Tags stripped, entities decoded, whitespace collapsed. Text without markup comes back trimmed. */
export function markupText(value: string | null | undefined): string {
  if (!value) return '';
  const text = /[<&]/.test(value) ? textOf(parseDocument(value)) : value;
  return text.replace(/\s+/g, ' ').trim();
}
