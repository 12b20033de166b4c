// A story page (or another view of the story) from its stored row: a single story, cheap
// enough to render on the event loop, unlike a feed of hundreds.
import { parseStoryRow, type StoredStoryText } from '../stored-story.js';
import { buildStoryPage, type StoryPageOptions } from './build-story-page.js';
import { renderedDocument, type RenderedDocument } from './feed-document.js';
import type { StoryView } from './story-views.js';

export function renderStoryDocument(row: StoredStoryText, view: StoryView, options: StoryPageOptions): RenderedDocument {
  const page = buildStoryPage(parseStoryRow(row), options);
  // Last-Modified: when the stored story last changed (its bytes change only then, or with the config).
  return renderedDocument(view.render(page), Date.parse(row.lastChanged));
}
