// A story file's content -> Story, by file extension. Used by the files source and `wirefeed normalize`.
import path from 'node:path';
import { AppError } from '../errors.js';
import type { Story } from '../story.js';
import { parseNitfStory } from './parse-nitf-story.js';
import { pageStory } from './page-story.js';
import { parseTextStory } from './parse-text-story.js';
import type { StoryContext } from './story-context.js';
import { storyFromInput } from './story-from-input.js';

type Parser = (content: string, filename: string, ctx: StoryContext) => Story;

const parseText: Parser = (text, filename, o) => parseTextStory(text, { ...o, filename });

/** An article page saved as a file: extracted like a fetched page; the file name is its identity when it names no URL. */
const parseHtml: Parser = (html, filename, ctx) => pageStory({ html }, { ...ctx, key: filename });

const PARSERS: Record<string, Parser> = {
  '.html': parseHtml,
  '.htm': parseHtml,
  '.txt': parseText,
  '.md': parseText,
  '.xml': (xml, filename, o) => parseNitfStory(xml, { ...o, filename }),
  '.json': (text, filename, o) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new AppError('PARSE_FAILED', `not valid JSON: ${(err as Error).message}`, { cause: err });
    }
    return storyFromInput(value, { ...o, key: filename });
  },
};

export const STORY_FILE_EXTENSIONS = Object.keys(PARSERS);

export function isStoryFile(filename: string): boolean {
  return path.extname(filename).toLowerCase() in PARSERS;
}

/** `filename` is the story's identity within its source (no URL in a file). */
export function parseStoryFile(content: string, filename: string, ctx: StoryContext): Story {
  const parse = PARSERS[path.extname(filename).toLowerCase()];
  if (!parse) throw new AppError('PARSE_FAILED', `unsupported file type: ${filename}`);
  return parse(content.replace(/^\uFEFF/, ''), filename, ctx);
}
