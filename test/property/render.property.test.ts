// Property: any Unicode in any story field -> RSS and Atom that a strict XML parser
// accepts, and JSON Feed that JSON.parse accepts with the title kept.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FeedDefinition } from '../../src/publish/feed-definitions.js';
import { buildFeedModel } from '../../src/publish/build-feed-model.js';
import { renderFeed } from '../../src/publish/render-feed.js';
import { CREDIT_ROLES, type StoredStory } from '../../src/story.js';
import { parseXml } from '../publish/xml-dom.js';
import { anyText, SEED } from './arbitraries.js';

const nullable = (a: fc.Arbitrary<string>) => fc.option(a, { nil: null });
const date = fc.integer({ min: 0, max: 4102444800000 }).map((ms) => new Date(ms).toISOString());

const storedStory: fc.Arbitrary<StoredStory> = fc.record({
  id: fc.stringMatching(/^[0-9a-f]{24}$/),
  title: anyText(60),
  url: nullable(fc.webUrl()),
  summary: anyText(80),
  text: anyText(200),
  html: anyText(200),
  byline: nullable(anyText(30)),
  credits: fc.array(fc.record({ name: anyText(20), role: fc.constantFrom(...CREDIT_ROLES) }), { maxLength: 3 }),
  images: fc.array(fc.record({ url: nullable(fc.webUrl()), caption: nullable(anyText(40)), credit: nullable(anyText(20)) }), { maxLength: 2 }),
  dateline: fc.option(fc.record({ text: anyText(20), place: nullable(anyText(10)), region: fc.constant(null), country: nullable(anyText(10)), agency: fc.constant(null), date: fc.constant(null) }), { nil: null }),
  categories: fc.array(anyText(15), { maxLength: 3 }),
  language: nullable(fc.constantFrom('en', 'ar', 'ja', 'x-klingon')),
  published: nullable(date),
  firstSeen: date,
}).map((r) => ({
  firstSeen: r.firstSeen,
  lastChanged: r.firstSeen,
  story: {
    id: r.id, sourceId: 'prop', url: r.url, title: r.title, dateline: r.dateline, byline: r.byline, credits: r.credits, images: r.images,
    summary: r.summary, body: { text: r.text, html: r.html }, published: r.published, updated: null, categories: r.categories, language: r.language,
  },
}));

const definition = (title: string, description: string): FeedDefinition => ({
  id: 'prop', kind: 'source', title, description, sourceIds: ['prop'], limit: 50, language: 'en', ttlMinutes: 15,
});

describe('property: renderers', () => {
  it('any Unicode in -> well-formed XML (strict parser) and valid JSON out, in every format', () => {
    fc.assert(
      fc.property(fc.array(storedStory, { maxLength: 4 }), anyText(40), anyText(60), (stories, title, description) => {
        for (const format of ['rss', 'atom', 'json'] as const) {
          const model = buildFeedModel(definition(title, description), stories, { baseUrl: 'https://feeds.example.org', format, lastChanged: null });
          const out = renderFeed(model, format);
          if (format === 'json') {
            const doc = JSON.parse(out) as { items: unknown[] };
            assert.equal(doc.items.length, stories.length);
          } else {
            const root = parseXml(out);
            assert.equal(root.name, format === 'rss' ? 'rss' : 'feed');
          }
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
