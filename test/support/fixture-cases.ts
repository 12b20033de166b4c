// Data-driven tests find their cases here: one folder per case under
// test/fixtures/<area>/ (or any folder of case folders, e.g. a corpus checked out beside
// the repository). Adding a case is adding a folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface FixtureCase {
  name: string;
  dir: string;
  /** Whether the case holds `file`. */
  has(file: string): boolean;
  /** The case's `file` as UTF-8 text. */
  read(file: string): string;
  /** The case's `file` parsed as JSON. */
  json<T = unknown>(file: string): T;
  /** The first of `files` that the case holds (e.g. its one input, whatever its format). */
  first(files: readonly string[]): string | undefined;
}

/**
 * The case folders of `area` (a folder under test/fixtures/, or an absolute path), sorted
 * by name; with `required`, only folders holding that file.
 */
export function fixtureCases(area: string, required?: string): FixtureCase[] {
  const root = path.resolve(FIXTURES, area);
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && (!required || existsSync(path.join(root, e.name, required))))
    .map((e) => e.name)
    .sort()
    .map((name) => fixtureCase(name, path.join(root, name)));
}

function fixtureCase(name: string, dir: string): FixtureCase {
  const file = (f: string) => path.join(dir, f);
  return {
    name,
    dir,
    has: (f) => existsSync(file(f)),
    read: (f) => readFileSync(file(f), 'utf8'),
    json: <T>(f: string) => JSON.parse(readFileSync(file(f), 'utf8')) as T,
    first: (files) => files.find((f) => existsSync(file(f))),
  };
}
