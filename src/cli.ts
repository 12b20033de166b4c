#!/usr/bin/env node
// wirefeed <command>: serve | worker | start | run | normalize | extract | links | check-config | migrate | backup | export | import | vacuum
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Server } from 'node:http';
import { createApp, listen, type App } from './app.js';
import { configDir, readConfig } from './config/load-config.js';
import { AppError, errorMessage } from './errors.js';
import { explainArticleLinks, type ListingReport } from './extract/html-links.js';
import { systemClock } from './clock.js';
import { silentLogger } from './log.js';
import { decodeBody } from './fetch/decode-body.js';
import { createHttpClient } from './fetch/http-client.js';
import { buildStory } from './normalize/build-story.js';
import type { StoryContext } from './normalize/story-context.js';
import { backupCommand } from './commands/backup.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { vacuumCommand } from './commands/vacuum.js';
import { recordCommand } from './commands/record.js';
import { resumeCommand } from './commands/resume.js';
import { testCommand } from './commands/test.js';
import { progressDisplay } from './progress-display.js';
import { ingest, type IngestSink } from './schedule/ingest.js';
import { adapterFor } from './sources/registry.js';
import { storyContext } from './sources/story-context.js';

/** SIGTERM to exit: the whole shutdown fits in this (orchestrators kill at 10 s or later). */
const SHUTDOWN_BUDGET_MS = 9_000;
/** Of that budget, how long in-flight runs may take to wind down before they are abandoned. */
const RUN_GRACE_MS = 6_000;

const USAGE = `usage: wirefeed <command>
  start               web server and scheduler in one process (npm start)
  serve               web server only
  worker              scheduler only
  run SOURCE_ID       run one source now and print what it did
                      [--dry-run: print its stories as JSON lines, store nothing]
                      [--record DIR: run dry and save every page fetched, for test --fixtures]
  test [SOURCE_ID...] run sources dry and check their stories [--json] [--fixtures DIR]
  normalize FILE...   print each story file as Story JSON [--source ID]
  extract --url URL FILE  print an HTML page as Story JSON (URL: where it was served from)
  links URL           print every link of a listing page: taken or skipped as an article, and why
                      [--file FILE --url URL: a saved page; --links CSS, --next CSS: try selectors]
  resume SOURCE_ID    end a source's pause after failing runs
  check-config        validate the configuration and print every problem
  migrate             apply database migrations
  backup FILE         copy the live SQLite store to FILE, consistent as of the start
  export [FILE]       the whole store as NDJSON, to FILE or stdout [--no-runs]
  import [FILE]       an export, from FILE or stdin, into the configured store (again: finishes or changes nothing)
  vacuum              rewrite a SQLite store once so it gives free space back (stop the service first)`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  start: (args) => long(args, { web: true, scheduler: true }),
  serve: (args) => long(args, { web: true, scheduler: false }),
  worker: (args) => long(args, { web: false, scheduler: true }),

  async run(args) {
    const id = args.find((a) => !a.startsWith('--'));
    if (!id) return usage('run needs a SOURCE_ID');
    if (args.includes('--dry-run')) return dryRun(id);
    if (args.includes('--record')) return recordCommand(id, args[args.indexOf('--record') + 1] ?? '.');
    // On a terminal: pages fetched and stories so far, redrawn in place; else silent.
    const progress = progressDisplay(process.stdout, id);
    let pages = 0;
    const app = await createApp({ onFetch: () => progress.update({ pages: ++pages }) });
    try {
      const r = await app.scheduler.runNow(id, (event) => progress.update(event.counts));
      progress.done();
      const status = r.error ? `failed: ${r.error}` : 'ok';
      process.stdout.write(
        `${id}: ${status}; ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} failed in ${r.durationMs} ms\n`,
      );
      return r.error ? 1 : 0;
    } finally {
      await app.close();
    }
  },

  async normalize(args) {
    const { values, files } = parseFlags(args, ['source']);
    if (files.length === 0) return usage('normalize needs at least one FILE');
    const ctx = storyFileContext(values.source);
    let failed = 0;
    for (const file of files) {
      try {
        const story = buildStory({ kind: 'file', content: await readFile(file, 'utf8'), filename: path.basename(file) }, ctx);
        process.stdout.write(`${files.length === 1 ? JSON.stringify(story, null, 2) : JSON.stringify(story)}\n`);
      } catch (err) {
        failed += 1;
        process.stderr.write(`${file}: ${errorMessage(err)}\n`);
      }
    }
    return failed ? 1 : 0;
  },

  async extract(args) {
    const { values, files } = parseFlags(args, ['url', 'source']);
    if (files.length !== 1) return usage('extract needs one FILE (and --url URL)');
    // Bytes, not UTF-8: the page's own BOM or <meta charset> decides, as when fetched.
    const { text } = decodeBody(await readFile(files[0]!), undefined);
    const story = buildStory({ kind: 'page', html: text, url: values.url }, { sourceId: values.source ?? 'local' });
    process.stdout.write(`${JSON.stringify(story, null, 2)}\n`);
    return 0;
  },

  async links(args) {
    const { values, files } = parseFlags(args, ['file', 'url', 'links', 'next']);
    const url = values.url ?? files[0];
    if (!url || files.length > (values.url ? 0 : 1)) return usage('links needs a URL (or --file FILE --url URL)');
    const page = values.file ? { html: decodeBody(await readFile(values.file), undefined).text, url } : await fetchListing(url);
    printListing(explainArticleLinks(page.html, { pageUrl: page.url, links: values.links, next: values.next }));
    return 0;
  },

  resume: (args) => resumeCommand(args),
  test: (args) => testCommand(args),

  async 'check-config'() {
    const dir = configDir();
    const result = readConfig(dir);
    if (!result.ok) {
      for (const line of result.problems) process.stderr.write(`${line}\n`);
      return 1;
    }
    const { sources, feeds } = result.config;
    process.stdout.write(`${path.relative(process.cwd(), dir) || dir}: ok (${sources.length} sources, ${feeds.length} combined feeds)\n`);
    return 0;
  },

  async migrate() {
    const app = await createApp();
    await app.close();
    process.stdout.write('migrations applied\n');
    return 0;
  },
  backup: backupCommand,
  export: exportCommand,
  import: importCommand,
  vacuum: vacuumCommand,
};

/** `--source ID`: that source's normalize rules and zone when the config has it; else the id only names the stories. */
function storyFileContext(id: string | undefined): StoryContext {
  if (!id) return { sourceId: 'local' };
  const result = readConfig(configDir());
  const source = result.ok ? result.config.sources.find((s) => s.id === id) : undefined;
  if (!result.ok || !source) return { sourceId: id };
  return storyContext(source, result.config.global);
}

/** Collects one source and prints its stories; reads the store (known URLs, validators) but writes nothing. */
async function dryRun(id: string): Promise<number> {
  const app = await createApp();
  const readOnly = { getValidators: app.store.getValidators.bind(app.store), saveValidators: async () => {} };
  const http = createHttpClient(app.config.global.fetch, { clock: app.clock, log: app.log, validators: readOnly });
  try {
    const source = app.config.sources.find((s) => s.id === id);
    if (!source) throw new AppError('SOURCE_NOT_FOUND', `no source "${id}" that can run`);
    const deps = { global: app.config.global, log: app.log, clock: app.clock, store: app.store, http };
    // Printed, never stored; no run is recorded. Acks are not run (a files source would move a failed file).
    const print: IngestSink = async (story) => {
      process.stdout.write(`${JSON.stringify(story)}\n`);
      return 'new';
    };
    const collect = async function* () {
      for await (const item of adapterFor(source).collect(source, deps)) yield { ...item, ack: undefined };
    };
    const r = await ingest(id, collect, { sink: print, log: app.log, clock: app.clock }, {
      onProgress: (e) => {
        if (e.kind === 'failed') process.stderr.write(`${e.ref}: ${errorMessage(e.error)}\n`);
      },
    });
    if (r.error) throw new Error(r.error);
    const same = r.unchanged > 0 ? `, ${r.unchanged} unchanged since stored (not printed)` : '';
    process.stderr.write(`${id}: dry run; ${r.new} stories, ${r.failed} failed${same}; nothing stored\n`);
    return 0;
  } finally {
    await http.close();
    await app.close();
  }
}

/** A listing page through the polite client (robots.txt, per-host delay, size caps), with the configured fetch settings when there is a config. */
async function fetchListing(url: string): Promise<{ html: string; url: string }> {
  const result = readConfig(configDir());
  const http = createHttpClient(result.ok ? result.config.global.fetch : {}, { clock: systemClock, log: silentLogger() });
  try {
    // The URL typed is trusted as a source's configured URL is (it may be on a private network).
    const res = await http.get(url, { source: { id: 'links', url } });
    return { html: res.text, url: res.url };
  } finally {
    await http.close();
  }
}

/** One line per linked URL, in the detector's own words; then the next page and the counts. */
function printListing(report: ListingReport): void {
  const out: string[] = [];
  for (const d of report.decisions) out.push(`${d.taken ? 'taken  ' : 'skipped'}  ${d.url}  ${d.reason}`);
  out.push(`next     ${report.next ?? '(none)'}`);
  const taken = report.decisions.filter((d) => d.taken).length;
  out.push(`${taken} taken, ${report.decisions.length - taken} skipped${taken === 0 ? '; no article found: this source needs a links: selector' : ''}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function long(_args: string[], parts: { web: boolean; scheduler: boolean }): Promise<number> {
  const app = await createApp();
  let server: Server | undefined;
  if (parts.web) server = await listen(app);
  if (parts.scheduler) {
    app.scheduler.start();
    app.retention.start();
    app.log.info('scheduler started');
  }
  app.watchConfig();
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  return shutdown(app, server, signal);
}

/**
 * Stop accepting, let runs stop between stories, close the store, within the budget.
 * A second signal, or a shutdown that hangs past the budget, exits at once with 1.
 */
async function shutdown(app: App, server: Server | undefined, signal: NodeJS.Signals): Promise<number> {
  const started = Date.now();
  app.log.info({ signal }, 'shutting down');
  const force = (reason: string) => {
    app.log.error({ reason, ms: Date.now() - started }, 'shutdown forced');
    process.exit(1);
  };
  const deadline = setTimeout(() => force('budget exceeded'), SHUTDOWN_BUDGET_MS).unref();
  process.once('SIGTERM', () => force('second signal'));
  process.once('SIGINT', () => force('second signal'));
  const closing = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
  server?.closeIdleConnections();
  // Requests still in flight when the runs are done get cut: the budget is for both.
  await app.close(RUN_GRACE_MS);
  server?.closeAllConnections();
  await closing;
  clearTimeout(deadline);
  app.log.info({ ms: Date.now() - started }, 'shut down');
  return 0;
}

function parseFlags(args: string[], names: string[]): { values: Record<string, string>; files: string[] } {
  const values: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.replace(/^--/, '');
    if (a.startsWith('--') && names.includes(name) && args[i + 1] !== undefined) values[name] = args[++i]!;
    else files.push(a);
  }
  return { values, files };
}

function usage(problem?: string): number {
  if (problem) process.stderr.write(`wirefeed: ${problem}\n`);
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) return usage(name && name !== '--help' ? `unknown command "${name}"` : undefined);
  try {
    return await command(args);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFIG_INVALID') {
      for (const line of err.details) process.stderr.write(`${line}\n`);
    } else {
      process.stderr.write(`wirefeed ${name}: ${errorMessage(err)}\n`);
    }
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
