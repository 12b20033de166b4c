// Every parse task has a time limit on its own running time: a page that holds its parse
// thread past it fails alone with PARSE_FAILED (what a run records), its thread is
// replaced, and the pages and pushes queued behind it are parsed as usual.
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { runSource } from '../../src/schedule/run-source.js';
import { silentLogger } from '../../src/log.js';
import { PARSE_TASK_LIMIT_MS, threadParser } from '../../src/sources/parser.js';
import type { ParseMessage } from '../../src/sources/parse-tasks.js';
import type { TaskReport } from '../../src/threads/worker-pool.js';
import { testApp } from '../support/test-app.js';

const SITE = 'https://news.example.com';
const para = '<p>The harbour authority said the works on the northern pier continued through the week, with two new cranes.</p>';
const page = (title: string, paragraphs: number) => `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${para.repeat(paragraphs)}</article></body></html>`;

describe('parse task time limit', function () {
  this.timeout(120_000);

  it('fails only the page past its limit, replaces its thread, and parses the pages queued behind it', async () => {
    // The "stuck" page gets a 5 ms limit (a 1 MB page takes far longer to extract); the rest the default.
    const stuck = (m: ParseMessage) => JSON.stringify(m.arg).includes(`${SITE}/stuck`);
    const reports: TaskReport[] = [];
    const parser = threadParser(1, silentLogger(), { limitMs: (m) => (stuck(m) ? 5 : PARSE_TASK_LIMIT_MS), onTask: (r) => reports.push(r) });
    try {
      const story = (name: string, paragraphs: number) =>
        parser.story({ input: { kind: 'page', html: page(name, paragraphs), url: `${SITE}/${name}` }, ctx: { sourceId: 'site', key: `${SITE}/${name}` } });
      await story('warm', 3); // the thread booted
      const results = await Promise.allSettled([story('stuck', 8_000), story('after-1', 3), story('after-2', 3)]);
      const [failed, ...others] = results;
      assert.ok(failed!.status === 'rejected');
      const err = failed.reason as unknown;
      assert.ok(err instanceof AppError && err.code === 'PARSE_FAILED', String(err));
      assert.match(err.message, /parsing took longer than 0\.005 s/);
      assert.deepEqual(others.map((r) => r.status === 'fulfilled' && r.value.title), ['after-1', 'after-2']);
      const push = await parser.push({ push: { kind: 'json', body: JSON.stringify({ title: 'Pushed', body: { text: 'Pushed text.' } }) }, ctx: { sourceId: 'wire' } });
      assert.equal(push[0]?.title, 'Pushed', 'a push after the replaced thread');
      const timedOut = reports.filter((r) => r.timedOut);
      assert.equal(timedOut.length, 1);
      assert.ok(timedOut[0]!.ranMs < 5 + 5_000, `stopped after ${timedOut[0]!.ranMs} ms (a hang guard's margin)`);
    } finally {
      await parser.close();
    }
  });
});

describe('parse task time limit: story files', function () {
  this.timeout(120_000);

  it('a story file task past its limit is tried again a file at a time: only the slow file fails, the others of its task are stored', async () => {
    // Tasks hold 1, 2, 4... files: b-slow.txt shares the second task with c.txt. Any task
    // holding b-slow.txt gets a 5 ms limit (its 2 MB take far longer); the rest the default.
    const slow = (m: ParseMessage) => m.task === 'storyFiles' && JSON.stringify(m.arg).includes('b-slow.txt');
    const parser = threadParser(1, silentLogger(), { limitMs: (m) => (slow(m) ? 5 : PARSE_TASK_LIMIT_MS) });
    const wire = (title: string) => `${title}\n\nLONDON (Reuters) - ${title} happened on Monday.\n`;
    const app = await testApp({
      files: { 'a.txt': wire('Alpha'), 'b-slow.txt': `Slow\n\n${'The harbour works went on through the week. '.repeat(50_000)}\n`, 'c.txt': wire('Gamma') },
    });
    try {
      const inbox = app.config.sources.find((s) => s.id === 'inbox')!;
      const r = await runSource(inbox, { global: app.config.global, log: app.log, clock: app.clock, store: app.store, http: app.http, parser });
      assert.deepEqual([r.new, r.failed, r.error], [2, 1, null]);
      const titles = (await app.store.listStories({ sourceIds: ['inbox'], limit: 10 })).map((s) => s.story.title).sort();
      assert.deepEqual(titles, ['Alpha', 'Gamma']);
    } finally {
      await app.dispose();
      await parser.close();
    }
  });
});
