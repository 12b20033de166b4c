// The one story-building path: every input (a fetched page, a feed item, a story file, a
// pushed JSON story) becomes a Story here, with one context type. Sources, the push
// route, the parse threads and the CLI all call this; none assembles a story itself.
import type { RawStory, Story } from '../story.js';
import { normalizeStory } from './normalize-story.js';
import { pageStory, type PageInput } from './page-story.js';
import { parseStoryFile } from './parse-story-file.js';
import type { StoryContext } from './story-context.js';
import { storyFromInput } from './story-from-input.js';

export type StoryInput =
  /** An article page (scraped, a feed item's or sitemap entry's page). */
  | ({ kind: 'page' } & PageInput)
  /** What a feed item or listing says, already in fields. */
  | { kind: 'raw'; raw: RawStory }
  /** A story file's bytes, read by its extension (.txt, .md, .xml NITF, .json, .html); the name is its identity. */
  | { kind: 'file'; content: string | Uint8Array; filename: string }
  /** A Story given as JSON (only `title` and a body are required). */
  | { kind: 'json'; value: unknown };

export function buildStory(input: StoryInput, ctx: StoryContext): Story {
  switch (input.kind) {
    case 'page':
      return pageStory(input, ctx);
    case 'raw':
      return normalizeStory(input.raw, ctx);
    case 'file':
      return parseStoryFile(fileText(input.content), input.filename, ctx);
    case 'json':
      return storyFromInput(input.value, ctx);
  }
}

/** A file's bytes arrive from another thread as a plain Uint8Array: viewed as a Buffer, not copied. */
function fileText(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
}
