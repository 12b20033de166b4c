// The CLI compiled once per test process, for tests that start many wirefeed processes:
// `node --import tsx` compiles in every process and costs about twice the start-up CPU
// of plain JavaScript. esbuild transpiles src/ (no type check: `npm test` did that) into
// node_modules/.cache, where the project's node_modules still resolve. dist/ is not used:
// it may be older than src/. No source maps: loading them costs start-up time too.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

let built: Promise<string> | undefined;

/** Resolves with the path of the compiled `cli.js`, building it on first use. */
export function buildCli(): Promise<string> {
  built ??= compile();
  return built;
}

async function compile(): Promise<string> {
  // Laid out like the package (package.json beside dist/), as modules may read files
  // relative to themselves; and a copy of package.json makes the files ESM.
  const root = path.resolve('node_modules', '.cache', `wirefeed-cli-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  copyFileSync('package.json', path.join(root, 'package.json'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  const sources = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  await build({
    entryPoints: sources.map((f) => path.join('src', f)),
    outdir: path.join(root, 'dist'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return path.join(root, 'dist', 'cli.js');
}
