// The lifecycle through every door: a pushed story (Story JSON, DELETE), a NITF file
// (date.release, management-status="canceled") and a wire-text file (EMBARGOED UNTIL,
// KILL) reach the same states in the store; the versions API with its diff and
// correction note; the story's ninjs item, canceled once withdrawn.
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { manualClock, type ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { storyId } from '../../src/story.js';
import { assertValidNinjs } from '../support/ninjs-schema.js';
import { testThreads } from '../support/test-app.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';

const TOKEN = 'push-token-0123456789';
const LIFT = '2026-03-05T12:00:00.000Z';

const nitf = (o: { status?: string; release?: string; issue?: string; title: string }) => `<?xml version="1.0" encoding="UTF-8"?>
<nitf xml:lang="en"><head><title>${o.title}</title>
<docdata${o.status ? ` management-status="${o.status}"` : ''}>${o.status ? '<ed-msg info="Legal: withdrawn on advice."/>' : ''}
<doc-id id-string="${o.title}"/>${o.issue ? `<date.issue norm="${o.issue}"/>` : ''}${o.release ? `<date.release norm="${o.release}"/>` : ''}</docdata></head>
<body><body.head><hedline><hl1>${o.title}</hl1></hedline></body.head>
<body.content><p>VALLETTA (Wire) — The port reopened on Thursday.</p><p>Ferries resumed at dawn.</p></body.content></body></nitf>`;

describe('story lifecycle: push, NITF and text reach the same states', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let clock: ManualClock;
  let app: App;
  const push = (body: object) =>
    request(app.web).post('/api/sources/wire/stories').set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').send(JSON.stringify(body));

  before(async () => {
    dir = tempDir();
    dir.write('config/sources/inbox.yaml', `id: inbox\ntitle: Wire inbox\ntype: files\npath: ${dir.path('stories')}\n`);
    dir.write('config/sources/wire.yaml', `id: wire\ntitle: Pushed\ntype: push\ntoken: ${TOKEN}\n`);
    dir.write('stories/held.txt', 'Budget figures\n\nEMBARGOED UNTIL 12:00 GMT, March 5, 2026\n\nLONDON (Wire) — The budget grows.\n');
    dir.write('stories/killed.txt', 'Bridge reopens\n\nPORTHAVEN (Wire) — The bridge reopened.\n');
    dir.write('stories/held.xml', nitf({ title: 'Port budget', issue: '20260305T080000Z', release: '20260305T120000Z' }));
    dir.write('stories/killed.xml', nitf({ title: 'Port reopens' }));
    clock = manualClock('2026-03-05T08:00:00.000Z');
    app = await createApp({
      env: { DATABASE_URL: 'file::memory:', WIREFEED_BASE_URL: 'https://feeds.example.org', ADMIN_TOKEN: 'admin-token-0123456789' },
      configDir: dir.path('config'),
      clock,
      log: silentLogger(),
      ...testThreads(),
    });
    await app.scheduler.runNow('inbox');
    await push({ id: 'held', title: 'Rates decision', body: { text: 'FRANKFURT (Wire) — Rates hold.' }, embargoUntil: LIFT }).expect(201);
    await push({ id: 'killed', title: 'Harbour opens', body: { text: 'The harbour opened.\n\nIt cost $4 million.' } }).expect(201);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  const ids = {
    text: { held: storyId('inbox', 'held.txt'), killed: storyId('inbox', 'killed.txt') },
    nitf: { held: storyId('inbox', 'held.xml'), killed: storyId('inbox', 'killed.xml') },
    push: { held: storyId('wire', 'held'), killed: storyId('wire', 'killed') },
  };

  it('holds back an embargoed story from each door until the same time', async () => {
    for (const [door, { held }] of Object.entries(ids)) {
      const history = await app.store.storyHistory(held);
      assert.equal(history?.embargoUntil, LIFT, door);
      assert.equal(history?.versions.at(-1)?.story.embargoUntil, LIFT, door);
      await request(app.web).get(`/api/stories/${held}/versions`).expect(404);
      await request(app.web).get(`/stories/${held}`).expect(404);
    }
  });

  it('withdraws a story from each door the same way: kept, marked, one new version', async () => {
    clock.set('2026-03-05T09:00:00.000Z');
    dir.write('stories/killed.txt', 'KILL\n\nKILL: the bridge did not reopen.\n');
    dir.write('stories/killed.xml', nitf({ title: 'Port reopens', status: 'canceled' }));
    await app.scheduler.runNow('inbox');
    await request(app.web).delete(`/api/sources/wire/stories/killed?reason=${encodeURIComponent('published in error')}`).set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    const del = await request(app.web).delete(`/api/sources/wire/stories/killed?reason=${encodeURIComponent('published in error')}`).set('Authorization', `Bearer ${TOKEN}`).expect(200);
    assert.deepEqual(del.body, { id: ids.push.killed, result: 'withdrawn', reason: 'published in error' });
    await request(app.web).delete('/api/sources/wire/stories/nothing-here').set('Authorization', `Bearer ${TOKEN}`).expect(404);

    const reasons: Record<string, string> = { text: 'the bridge did not reopen.', nitf: 'Legal: withdrawn on advice.', push: 'published in error' };
    for (const [door, { killed }] of Object.entries(ids)) {
      const history = await app.store.storyHistory(killed);
      const current = history?.versions.at(-1)?.story;
      assert.deepEqual(current?.withdrawn, { at: '2026-03-05T09:00:00.000Z', reason: reasons[door] }, door);
      assert.equal(history?.versions.length, 2, door);
      assert.deepEqual(history?.versions[1]?.changes, ['withdrawn'], `${door}: the content is kept`);
      assert.equal(current?.title, history?.versions[0]?.story.title, door);
      await request(app.web).get(`/stories/${killed}`).expect(410);
      const ninjs = await request(app.web).get(`/stories/${killed}.ninjs`).expect(200);
      const item = JSON.parse(ninjs.text) as { pubStatus: string };
      assertValidNinjs(item, door);
      assert.equal(item.pubStatus, 'canceled', door);
    }
  });

  it('lifts every embargo at once: the stories join the feeds', async () => {
    clock.set(LIFT);
    const rss = (await request(app.web).get('/feeds/inbox.rss').expect(200)).text;
    assert.match(rss, /Budget figures/);
    assert.match(rss, /Port budget/);
    assert.match((await request(app.web).get('/feeds/wire.rss').expect(200)).text, /Rates decision/);
    const ninjs = JSON.parse((await request(app.web).get('/feeds/inbox.ninjs').expect(200)).text) as { pubStatus: string }[];
    for (const [i, item] of ninjs.entries()) assertValidNinjs(item, `feed item ${i}`);
    assert.deepEqual(ninjs.map((i) => i.pubStatus).sort(), ['canceled', 'canceled', 'usable', 'usable']);
  });

  it('lists versions with a diff and the correction note; a whitespace-only push makes none', async () => {
    const first = { id: 'fares', title: 'Fares rise', body: { text: 'Fares rise on Monday.\n\nThe rise is 5 percent.' } };
    await push(first).expect(201);
    clock.set('2026-03-05T13:00:00.000Z');
    const corrected = { ...first, body: { text: 'Fares rise on Monday.\n\nThe rise is 3 percent.\n\nCorrects paragraph 2 to show the rise is 3 percent, not 5.' } };
    await push(corrected).expect(201);
    await push({ ...corrected, title: '  Fares   rise ', body: { text: corrected.body.text.replace(/ /g, '  ') } }).expect(201);
    const id = storyId('wire', 'fares');
    const res = await request(app.web).get(`/api/stories/${id}/versions`).expect(200);
    assert.equal(res.body.versions.length, 2);
    const [, v2] = res.body.versions;
    assert.equal(v2.note, 'Corrects paragraph 2 to show the rise is 3 percent, not 5.');
    assert.deepEqual(v2.changes, ['paragraphs', 'summary']);
    assert.equal(v2.storedAt, '2026-03-05T13:00:00.000Z');
    assert.equal(typeof v2.runId, 'number');
    assert.deepEqual(v2.diff.paragraphs, {
      removed: [{ index: 1, text: 'The rise is 5 percent.' }],
      added: [
        { index: 1, text: 'The rise is 3 percent.' },
        { index: 2, text: 'Corrects paragraph 2 to show the rise is 3 percent, not 5.' },
      ],
    });
    const page = (await request(app.web).get(`/stories/${id}`).expect(200)).text;
    assert.match(page, /<li>Updated <time[^>]*>[^<]*<\/time>: Corrects paragraph 2 to show the rise is 3 percent, not 5\.<\/li>/);
  });
});
