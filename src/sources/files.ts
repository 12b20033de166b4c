// The files source: story files dropped in a folder (.txt/.md wire text, .json Story).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { isStoryFile, parseStoryFile } from '../normalize/parse-story-file.js';
import type { Collected, SourceAdapter } from './source-adapter.js';

export const filesSource: SourceAdapter<'files'> = {
  type: 'files',
  scheduled: true,
  async *collect(source, deps): AsyncIterable<Collected> {
    const dir = path.resolve(source.path);
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      throw new AppError('PARSE_FAILED', `cannot read folder ${dir}: ${err.code ?? err.message}`, { cause: err });
    });
    const files = entries
      .filter((e) => e.isFile() && !e.name.startsWith('.') && isStoryFile(e.name))
      .map((e) => e.name)
      .sort();
    const options = { sourceId: source.id, rules: source.normalize, language: source.language, timezone: deps.global.defaults.timezone };
    for (const name of files) {
      if (deps.signal?.aborted) return;
      try {
        const content = await readFile(path.join(dir, name), 'utf8');
        yield { ref: name, story: parseStoryFile(content, name, options) };
      } catch (err) {
        yield { ref: name, error: err instanceof Error ? err : new Error(String(err)) };
      }
    }
  },
};
