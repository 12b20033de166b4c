// The representations of a story at /stories/<id>[.<extension>]: the HTML page, and any
// other format of the same model (added here, one line each; the route, the page's
// rel="alternate" links and the content type derive from this list).
import { renderNinjsItem } from './render-ninjs.js';
import { renderStoryPage } from './render-story-page.js';
import type { StoryPage } from './story-page.js';

export interface StoryView {
  /** Undefined for the page itself (/stories/<id>). */
  extension: string | undefined;
  /** Shown in link titles. */
  name: string;
  /** IANA media type without parameters; every view is UTF-8 text. */
  mediaType: string;
  /** Pure: the same model always gives the same bytes. */
  render: (page: StoryPage) => string;
}

export const STORY_VIEWS: readonly StoryView[] = [
  { extension: undefined, name: 'HTML', mediaType: 'text/html', render: renderStoryPage },
  // IPTC ninjs 3.1, one item (render-ninjs.ts): canceled when the story is withdrawn.
  { extension: 'ninjs', name: 'IPTC ninjs', mediaType: 'application/json', render: (page) => renderNinjsItem(page.item) },
];

export function storyView(extension: string | undefined): StoryView | undefined {
  return STORY_VIEWS.find((v) => v.extension === extension);
}
