// IPTC ninjs 3.1: every ninjs document this suite makes validates against the 3.1 schema
// (../shared/specs/ninjs, draft 2020-12): each fixture feed (credits, captions, datelines),
// and stories withdrawn, embargoed and corrected.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { buildFeedModel } from '../../src/publish/build-feed-model.js';
import type { FeedDefinition } from '../../src/publish/feed-definitions.js';
import { renderNinjs, renderNinjsItem } from '../../src/publish/render-ninjs.js';
import type { StoredStory } from '../../src/story.js';
import { makeStory } from '../support/make-story.js';
import { assertValidNinjs, NINJS_SCHEMA_FILE as SCHEMA, ninjsValidator } from '../support/ninjs-schema.js';
import { suiteWithoutData } from '../support/skip-unavailable.js';
import { feedCases } from './feed-fixtures.js';

const DEF: FeedDefinition = { id: 'wire', title: 'Wire', description: 'Wire stories', language: 'en', sourceIds: ['inbox'], limit: 20, ttlMinutes: 15, include: [], exclude: [] } as unknown as FeedDefinition;
const stored = (story: ReturnType<typeof makeStory>, firstSeen = '2026-03-04T10:00:00.000Z', lastChanged = firstSeen): StoredStory => ({ story, firstSeen, lastChanged });

describe('IPTC ninjs 3.1', () => {
  if (suiteWithoutData(!existsSync(SCHEMA) && `${SCHEMA} is not beside the checkout (the shared specs)`)) return;

  for (const c of feedCases()) {
    it(`${c.name}: every item of the feed validates`, () => {
      const model = c.model('json');
      const items = JSON.parse(renderNinjs(model)) as Record<string, unknown>[];
      assert.ok(Array.isArray(items));
      assert.equal(items.length, model.items.length + (model.withdrawn?.length ?? 0));
      for (const [i, item] of items.entries()) assertValidNinjs(item, `${c.name} item ${i}`);
    });
  }

  const rich = makeStory({
    key: 'rich',
    url: 'https://wire.example.org/2026/03/04/bridge',
    title: 'Harbour bridge reopens',
    dateline: { text: 'PORTHAVEN, Maine (Wire)', place: 'Porthaven', region: 'Maine', country: null, agency: 'Wire', date: null },
    byline: 'By Ana Ruiz',
    credits: [
      { name: 'Ana Ruiz', role: 'author' },
      { name: 'Lee Park', role: 'photographer' },
      { name: 'Wire', role: 'agency' },
    ],
    images: [{ url: 'https://wire.example.org/bridge.jpg', caption: 'The bridge at dawn.', credit: 'Lee Park/Wire' }],
    categories: ['Transport', 'Maine'],
    body: { text: 'The bridge reopened.\n\nCorrects paragraph 1 to show the day.', html: '<p>The bridge reopened.</p><p>Corrects paragraph 1 to show the day.</p>' },
    correction: 'Corrects paragraph 1 to show the day.',
  });

  it('maps a story onto the 3.1 property names: headlines, by, people with roles, located, bodies, pictures, subjects', () => {
    const model = buildFeedModel(DEF, [stored(rich)], { baseUrl: 'https://feeds.example.org', format: 'json', lastChanged: null });
    const item = (JSON.parse(renderNinjs(model)) as Record<string, any>[])[0]!;
    assertValidNinjs(item, 'rich');
    assert.equal(ninjsValidator()({ ...item, wirefeedId: 'x' }), false, 'the schema allows no property of its own: the check can fail');
    assert.equal(item.uri, model.items[0]!.id);
    assert.equal(item.pubStatus, 'usable');
    assert.deepEqual(item.headlines, [{ role: 'main', contentType: 'text/plain', value: 'Harbour bridge reopens' }]);
    assert.equal(item.by, 'By Ana Ruiz');
    assert.deepEqual(item.people, [{ name: 'Ana Ruiz', rel: 'author' }, { name: 'Lee Park', rel: 'photographer' }]);
    assert.deepEqual(item.organisations, [{ name: 'Wire', rel: 'agency' }]);
    assert.equal(item.located, 'Porthaven, Maine');
    assert.deepEqual(item.bodies.map((b: { contentType: string }) => b.contentType), ['text/html', 'text/plain']);
    assert.deepEqual(item.subjects, [{ name: 'Transport', rel: 'category' }, { name: 'Maine', rel: 'category' }]);
    assert.equal(item.language, 'en');
    assert.equal(item.firstCreated, '2026-03-04T09:00:00.000Z');
    const pic = item.associations[0];
    assert.equal(pic.type, 'picture');
    assert.deepEqual(pic.descriptions, [{ role: 'caption', contentType: 'text/plain', value: 'The bridge at dawn.' }]);
    assert.equal(pic.by, 'Lee Park/Wire');
    assert.deepEqual(pic.people, [{ name: 'Lee Park', rel: 'photographer' }]);
    assert.deepEqual(pic.renditions, [{ name: 'original', href: 'https://wire.example.org/bridge.jpg' }]);
    assert.ok(item.descriptions.some((d: { role: string }) => d.role === 'correction'));
  });

  it('a withdrawn story is a canceled item without content; an embargo still to come is withheld', () => {
    const killed = { ...rich, withdrawn: { at: '2026-03-04T12:00:00.000Z', reason: 'legal' } };
    const model = buildFeedModel(DEF, [stored(killed, '2026-03-04T10:00:00.000Z', '2026-03-04T12:00:00.000Z')], { baseUrl: 'https://feeds.example.org', format: 'json', lastChanged: null });
    assert.equal(model.items.length, 0);
    const item = (JSON.parse(renderNinjs(model)) as Record<string, any>[])[0]!;
    assertValidNinjs(item, 'canceled');
    assert.equal(item.pubStatus, 'canceled');
    assert.equal(item.edNote, 'Withdrawn: legal');
    assert.equal(item.versionCreated, '2026-03-04T12:00:00.000Z');
    assert.equal(item.bodies, undefined);
    assert.equal(item.associations, undefined);

    const held = { ...rich, embargoUntil: '2026-03-05T00:01:00.000Z' };
    const heldModel = buildFeedModel(DEF, [stored(held)], { baseUrl: 'https://feeds.example.org', format: 'json', lastChanged: null });
    const before = JSON.parse(renderNinjsItem(heldModel.items[0]!, { at: new Date('2026-03-04T23:00:00.000Z') })) as Record<string, any>;
    assertValidNinjs(before, 'withheld');
    assert.equal(before.pubStatus, 'withheld');
    assert.equal(before.embargoedUntil, '2026-03-05T00:01:00.000Z');
    const after = JSON.parse(renderNinjsItem(heldModel.items[0]!, { at: new Date('2026-03-05T00:01:00.000Z') })) as Record<string, any>;
    assertValidNinjs(after, 'usable after the embargo');
    assert.equal(after.pubStatus, 'usable');
  });
});
