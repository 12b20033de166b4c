import assert from 'node:assert/strict';
import { normalizeStory } from '../../src/normalize/normalize-story.js';
import { readStoryParts } from '../../src/normalize/story-parts.js';

const LEAD = 'TOKYO, Japan — Thousands of residents took part in the drill on Monday, officials said.';
const read = (paragraphs: string[], wireText = false) =>
  readStoryParts(paragraphs, { zone: 'UTC', wireText, published: null, updated: null });

describe('captions above the lead (any input, not only wire text)', () => {
  it('a caption and its credit line above a dateline lead become an image; the dateline is found after them', () => {
    const parts = read(['A soldier stands guard at the harbour on Monday.', 'Photo: Feng Li/Getty Images', LEAD, 'Sirens sounded.']);
    assert.equal(parts.dateline?.place, 'Tokyo');
    assert.deepEqual(parts.images, [{ url: null, caption: 'A soldier stands guard at the harbour on Monday.', credit: 'Feng Li/Getty Images' }]);
    assert.deepEqual(parts.credits, [{ name: 'Feng Li', role: 'photographer' }]);
    assert.deepEqual(parts.body, ['Thousands of residents took part in the drill on Monday, officials said.', 'Sirens sounded.']);
  });

  it('a caption ending in its credit, and a labelled caption without one, above the lead', () => {
    const parts = read(['FILE PHOTO: The harbour at dawn, May 2, 2025.', 'A soldier stands guard. (Feng Li/Getty Images)', LEAD]);
    assert.equal(parts.dateline?.place, 'Tokyo');
    assert.deepEqual(parts.images, [
      { url: null, caption: 'FILE PHOTO: The harbour at dawn, May 2, 2025.', credit: null },
      { url: null, caption: 'A soldier stands guard.', credit: 'Feng Li/Getty Images' },
    ]);
    assert.equal(parts.body.length, 1);
  });

  it('counter-example: a standfirst above a dateline lead stays text (no credit, no label)', () => {
    const parts = read(['Residents rehearse for the earthquake everyone expects.', LEAD]);
    assert.equal(parts.dateline, null);
    assert.deepEqual(parts.images, []);
    assert.equal(parts.body[0], 'Residents rehearse for the earthquake everyone expects.');
    assert.equal(parts.body.length, 2);
  });

  it('counter-example: a real lead followed by a credit line and no dateline anywhere keeps its text', () => {
    const parts = read(['Thousands took part in the drill on Monday.', 'Photo: Feng Li/Getty Images', 'Sirens sounded.']);
    assert.equal(parts.dateline, null);
    assert.deepEqual(parts.body, ['Thousands took part in the drill on Monday.', 'Sirens sounded.']);
    assert.deepEqual(parts.images, []);
    assert.deepEqual(parts.looseCredits, [{ credit: 'Feng Li/Getty Images', photographer: 'Feng Li' }]);
  });

  it('counter-example: a paragraph that only mentions a photo is not a labelled caption', () => {
    const parts = read(['Photos of the drill were shared widely online, officials said.', LEAD]);
    assert.equal(parts.dateline, null);
    assert.equal(parts.body.length, 2);
  });

  it('counter-example: a dateline further down than the front is not the lead', () => {
    const front = ['One.', 'Photo: A B/AFP'];
    const parts = read([...front, ...front, ...front, ...front, LEAD]);
    assert.equal(parts.dateline, null);
  });
});

describe('captions in markup that did not pass the page extractor (feed content, pushed body.html)', () => {
  const lead = `<p>${LEAD}</p><p>Sirens sounded.</p>`;
  const normalize = (html: string) => normalizeStory({ title: 'Drill', url: 'https://news.example.com/drill', html }, { sourceId: 't' });

  it('<figure> with <figcaption> and a credit element', () => {
    const story = normalize(`<figure><img src="/a.jpg"><figcaption>A soldier stands guard. <span class="credit">Feng Li/Getty Images</span></figcaption></figure>${lead}`);
    assert.deepEqual(story.images, [{ url: 'https://news.example.com/a.jpg', caption: 'A soldier stands guard.', credit: 'Feng Li/Getty Images' }]);
    assert.equal(story.dateline?.place, 'Tokyo');
    assert.equal(story.body.text, 'Thousands of residents took part in the drill on Monday, officials said.\n\nSirens sounded.');
    assert.ok(!story.body.html.includes('soldier'), story.body.html);
    assert.deepEqual(story.credits, [{ name: 'Feng Li', role: 'photographer' }]);
  });

  it('a caption-classed element with a credit-classed sibling, and one whose credit ends the caption', () => {
    const a = normalize(`<p class="wp-caption-text">A soldier stands guard.</p><p class="photo-credit">Photo: Feng Li/Getty Images</p>${lead}`);
    assert.deepEqual(a.images, [{ url: null, caption: 'A soldier stands guard.', credit: 'Feng Li/Getty Images' }]);
    assert.equal(a.dateline?.place, 'Tokyo');
    const b = normalize(`<div class="image-caption">A soldier stands guard. (Feng Li/Getty Images)</div>${lead}`);
    assert.deepEqual(b.images, [{ url: null, caption: 'A soldier stands guard.', credit: 'Feng Li/Getty Images' }]);
  });

  it('a caption-classed element without a credit still leaves the body', () => {
    const story = normalize(`<div class="caption">A soldier stands guard.</div>${lead}`);
    assert.deepEqual(story.images, [{ url: null, caption: 'A soldier stands guard.', credit: null }]);
    assert.equal(story.dateline?.place, 'Tokyo');
  });

  it('counter-example: a container whose class merely mentions captions keeps its paragraphs', () => {
    const story = normalize(`<div class="captioned-story"><p>${LEAD}</p><p>Sirens sounded.</p></div>`);
    assert.deepEqual(story.images, []);
    assert.equal(story.body.text, 'Thousands of residents took part in the drill on Monday, officials said.\n\nSirens sounded.');
  });

  it('counter-example: markup given beside its paragraphs (a page) is not read for captions', () => {
    const story = normalizeStory(
      { title: 'Drill', paragraphs: ['Sirens sounded.'], html: '<div class="caption">Not read.</div><p>Sirens sounded.</p>' },
      { sourceId: 't' },
    );
    assert.deepEqual(story.images, []);
  });

  it('an extracted image whose caption ends in its credit is split', () => {
    const story = normalizeStory(
      { title: 'Drill', paragraphs: ['Sirens sounded.'], images: [{ url: null, caption: 'A soldier stands guard. (Feng Li/Getty Images)', credit: null }] },
      { sourceId: 't' },
    );
    assert.deepEqual(story.images, [{ url: null, caption: 'A soldier stands guard.', credit: 'Feng Li/Getty Images' }]);
    assert.deepEqual(story.credits, [{ name: 'Feng Li', role: 'photographer' }]);
  });
});
