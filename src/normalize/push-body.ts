// A push request's body -> stories, all or nothing, so that a client never has to guess
// what was kept (the HTTP side is server/push-routes.ts; the source type, sources/push.ts).
import { createHash } from 'node:crypto';
import { AppError, errorMessage } from '../errors.js';
import type { Story } from '../story.js';
import { parseStoryFile } from './parse-story-file.js';
import type { StoryContext } from './story-context.js';
import { storyFromInput } from './story-from-input.js';

/** Stories per request: beyond this a client should send several requests. */
export const MAX_PUSHED_STORIES = 1000;

export type PushBodyKind = 'json' | 'ndjson' | 'text' | 'nitf';

export interface PushBody {
  /** Decoded text of the request body. */
  body: string;
  kind: PushBodyKind;
  /** RFC 5023 `Slug` header: the identity of a text or NITF story without a URL. */
  slug?: string;
}

/**
 * One request body -> stories. Invalid input throws INPUT_INVALID naming every problem
 * by path (`[2].body: needs text or html`, `line 3: title: ...`); nothing is stored then.
 */
export function storiesFromPush(push: PushBody, ctx: StoryContext): Story[] {
  const { body, kind } = push;
  if (kind === 'text' || kind === 'nitf') {
    // The file name is the identity of a story without URL: the Slug, else the content.
    const key = push.slug?.trim() || createHash('sha256').update(body).digest('hex').slice(0, 32);
    return [collectOne(() => parseStoryFile(body, `${key}.${kind === 'text' ? 'txt' : 'xml'}`, ctx), '')];
  }
  const inputs = kind === 'json' ? jsonInputs(body) : ndjsonInputs(body);
  if (inputs.length === 0) throw new AppError('INPUT_INVALID', 'no story in the request body', { details: ['(body): no story'] });
  if (inputs.length > MAX_PUSHED_STORIES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${inputs.length} stories in one request; at most ${MAX_PUSHED_STORIES}`);
  }
  const details: string[] = [];
  const stories: Story[] = [];
  for (const { value, where } of inputs) {
    try {
      stories.push(storyFromInput(value, ctx));
    } catch (err) {
      details.push(...problems(err, where));
    }
  }
  if (details.length) throw new AppError('INPUT_INVALID', `invalid input: ${details.join('; ')}`, { details });
  return stories;
}

function collectOne(parse: () => Story, where: string): Story {
  try {
    return parse();
  } catch (err) {
    const details = problems(err, where);
    throw new AppError('INPUT_INVALID', `invalid input: ${details.join('; ')}`, { details, cause: err });
  }
}

function problems(err: unknown, where: string): string[] {
  const details = err instanceof AppError && err.details.length ? err.details : [`(story): ${errorMessage(err)}`];
  return details.map((d) => `${where}${d}`);
}

interface Input {
  value: unknown;
  /** Prefix of the field paths of this input's problems. */
  where: string;
}

function jsonInputs(body: string): Input[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new AppError('INPUT_INVALID', `body is not valid JSON: ${errorMessage(err)}`, { details: [`(body): ${errorMessage(err)}`] });
  }
  return Array.isArray(value) ? value.map((v, i) => ({ value: v, where: `[${i}].` })) : [{ value, where: '' }];
}

function ndjsonInputs(body: string): Input[] {
  const inputs: Input[] = [];
  const details: string[] = [];
  body.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      inputs.push({ value: JSON.parse(line), where: `line ${i + 1}: ` });
    } catch (err) {
      details.push(`line ${i + 1}: not valid JSON: ${errorMessage(err)}`);
    }
  });
  if (details.length) throw new AppError('INPUT_INVALID', `invalid NDJSON: ${details.join('; ')}`, { details });
  return inputs;
}
