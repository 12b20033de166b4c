import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A scratch folder removed after the test; `write` creates parent folders. */
export function tempDir(prefix = 'wirefeed-') {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    root,
    path: (...parts: string[]) => path.join(root, ...parts),
    write(rel: string, content: string) {
      const file = path.join(root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export type TempDir = ReturnType<typeof tempDir>;
