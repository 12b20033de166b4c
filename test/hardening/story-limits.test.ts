// Story size and file size limits: an oversized story is refused with a reason and stores
// nothing; an oversized file is never read into memory.
import assert from 'node:assert/strict';
import { truncateSync, writeFileSync } from 'node:fs';
import request from 'supertest';
import { MAX_STORY_CHARS } from '../../src/normalize/normalize-story.js';
import { runSource } from '../../src/schedule/run-source.js';
import { MAX_FILE_BYTES } from '../../src/sources/files.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { capturingLogger } from '../support/log-capture.js';

const TOKEN = 'push-token-0123456789abcdef';

describe('hardening: story and file size limits', () => {
  let app: TestApp;
  afterEach(async () => app?.dispose());

  it('a pushed story over the story size limit is refused, naming the limit; nothing is stored', async () => {
    app = await testApp({ extraConfig: { 'sources/desk.yaml': `id: desk\ntype: push\ntoken: ${TOKEN}\nmaxBytes: 8000000\n` } });
    const paragraphs = Array.from({ length: Math.ceil(MAX_STORY_CHARS / 1000) + 10 }, (_, i) => `Paragraph ${i} ${'word '.repeat(197)}`);
    const res = await request(app.web)
      .post('/api/sources/desk/stories')
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ title: 'Huge', body: { text: paragraphs.join('\n\n') } }));
    assert.ok(res.status === 400 || res.status === 413, `HTTP ${res.status}`);
    assert.match(res.text, /over the 1000000 limit/);
    assert.equal(await app.store.countStories('desk'), 0);
  });

  it('a story file over the file size limit fails without being read; the others are stored', async () => {
    const logs = capturingLogger();
    app = await testApp({ files: { 'a-good.txt': 'Good story\n\nLONDON (Reuters) - It happened.\n' }, log: logs.log });
    const huge = app.dir.path('stories', 'b-huge.txt');
    writeFileSync(huge, 'Huge\n\n');
    truncateSync(huge, MAX_FILE_BYTES + 1); // sparse: no disk used, but stat says it is too large
    const inbox = app.config.sources.find((s) => s.id === 'inbox')!;
    const outcome = await runSource(inbox, { global: app.config.global, log: app.log, clock: app.clock, store: app.store, http: app.http });
    assert.equal(outcome.new, 1);
    assert.equal(outcome.failed, 1);
    assert.equal(outcome.error, null);
    // Refused by its size before any read: the refusal names the byte limit (a read file
    // would fail as unparseable, if at all), and no read was logged for it.
    const lines = logs.text().split('\n').filter((l) => l.includes('b-huge.txt')).map((l) => JSON.parse(l) as { msg: string; err?: { code?: string; message?: string } });
    assert.deepEqual(lines.map((l) => l.msg), ['story failed']);
    assert.equal(lines[0]?.err?.code, 'PAYLOAD_TOO_LARGE');
    assert.match(String(lines[0]?.err?.message), new RegExp(`over the ${MAX_FILE_BYTES} byte limit`));
  });
});
