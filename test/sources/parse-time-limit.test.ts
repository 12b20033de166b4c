// Every parse task has a time limit on its own running time: a page that holds its parse
// thread past it fails alone with PARSE_FAILED (what a run records), its thread is
// replaced, and the pages and pushes queued behind it are parsed as usual.
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { PARSE_TASK_LIMIT_MS, threadParser } from '../../src/sources/parser.js';
import type { ParseMessage } from '../../src/sources/parse-tasks.js';
import type { TaskReport } from '../../src/threads/worker-pool.js';

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
