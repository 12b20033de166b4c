// body.html keeps the input's markup, cut to exactly the paragraphs of body.text.
import assert from 'node:assert/strict';
import { bodyBlocks } from '../../src/extract/html-blocks.js';
import { fragmentRoot } from '../../src/extract/html-fragment.js';
import { extractStory } from '../../src/normalize/extract-story.js';
import { normalizeStory } from '../../src/normalize/normalize-story.js';
import { storyFromInput } from '../../src/normalize/story-from-input.js';
import { parseTextStory } from '../../src/normalize/parse-text-story.js';
import { storyContentHtml } from '../../src/publish/story-html.js';
import { unsafeParts } from '../hardening/unsafe-html.js';

/** The paragraphs a reader sees in body.html, read the way body.text is read. */
const htmlParagraphs = (html: string) => bodyBlocks(fragmentRoot(html)).map((b) => b.text);

const PAGE = `<!doctype html><html><head><title>Harbour bridge reopens | Example News</title>
<meta property="og:title" content="Harbour bridge reopens">
<meta property="og:image" content="https://img.example.com/lead.jpg"></head><body>
<nav><a href="/">Home</a></nav><article>
<h1>Harbour bridge reopens</h1>
<p>Harbour bridge reopens</p>
<p>By Jane Smith</p>
<p><b>OSLO, Norway —</b> The harbour bridge <a href="/news/bridge-history">reopened</a> on Monday after <em>two years</em> of repairs, the city's transport office said.</p>
<p>Photo: Per Hansen/NTB</p>
<ul><li>Cars may cross again from six in the morning until midnight.</li><li>Cyclists get a <strong>new lane</strong> on the east side.</li></ul>
<blockquote><p>"It is a great day for everyone who lives on the islands," the mayor said.</p></blockquote>
<h2>What changes for commuters</h2>
<p>Buses return to their old routes <img src="/img/bus-route.png" alt="Map of the bus route"> from next week, the operator said.</p>
<p>Sponsored: win a weekend in the fjords</p>
<p>More from Example News: Ferry fares rise</p>
<p>The bridge carries about forty thousand vehicles a day, according to the road authority.</p>
</article></body></html>`;

const PAGE_TEXT = [
  'The harbour bridge reopened on Monday after two years of repairs, the city\'s transport office said.',
  'Cars may cross again from six in the morning until midnight.',
  'Cyclists get a new lane on the east side.',
  '"It is a great day for everyone who lives on the islands," the mayor said.',
  'What changes for commuters',
  'Buses return to their old routes from next week, the operator said.',
  'The bridge carries about forty thousand vehicles a day, according to the road authority.',
].join('\n\n');

describe('body.html keeps the input\'s markup', () => {
  const story = extractStory(PAGE, {
    url: 'https://news.example.com/2026/03/02/bridge',
    normalize: { titleSuffix: ' | Example News', dropParagraphs: ['^Sponsored:'] },
  });

  it('keeps links (absolute), lists, emphasis, blockquotes, subheadings and inline images of a page', () => {
    const html = story.body.html;
    assert.match(html, /<a href="https:\/\/news\.example\.com\/news\/bridge-history">reopened<\/a>/);
    assert.match(html, /<em>two years<\/em>/);
    assert.match(html, /<ul><li>Cars may cross[^<]*<\/li><li>Cyclists get a <strong>new lane<\/strong>[^<]*<\/li><\/ul>/);
    assert.match(html, /<blockquote><p>"It is a great day[^<]*<\/p><\/blockquote>/);
    assert.match(html, /<h2>What changes for commuters<\/h2>/);
    assert.match(html, /<img src="https:\/\/news\.example\.com\/img\/bus-route\.png" alt="Map of the bus route" \/>/);
    assert.deepEqual(unsafeParts(html), []);
  });

  it('drops from body.html what the normalizer took out of body.text, which is unchanged', () => {
    assert.equal(story.body.text, PAGE_TEXT);
    assert.deepEqual(htmlParagraphs(story.body.html), story.body.text.split('\n\n'));
    for (const gone of ['By Jane Smith', 'OSLO', 'Per Hansen', 'Sponsored', 'More from Example News', 'Harbour bridge reopens']) {
      assert.ok(!story.body.html.includes(gone), `body.html still has "${gone}":\n${story.body.html}`);
    }
    assert.equal(story.byline, 'By Jane Smith');
    assert.equal(story.dateline?.text, 'OSLO, Norway');
    assert.deepEqual(story.images, [{ url: 'https://img.example.com/lead.jpg', caption: null, credit: 'Per Hansen/NTB' }]);
  });

  it('cuts the dateline off the lead\'s markup, and the renderer puts it back in front of the first paragraph', () => {
    const s = extractStory(
      `<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1>
      <p><strong>LAGOS, Nigeria (AP) —</strong> The new dam <a href="https://news.example.com/dams">opened</a> on Friday, officials said, after a decade of work on the river.</p>
      <p>It will supply water to two million people in the region, according to the state water company.</p></article></body></html>`,
      { url: 'https://news.example.com/dam' },
    );
    assert.equal(s.dateline?.text, 'LAGOS, Nigeria (AP)');
    assert.match(s.body.html, /^<p>The new dam <a href="https:\/\/news\.example\.com\/dams">opened<\/a> on Friday/);
    assert.ok(!s.body.html.includes('LAGOS'));
    assert.deepEqual(htmlParagraphs(s.body.html), s.body.text.split('\n\n'));
    assert.match(storyContentHtml(s), /^<p>LAGOS, Nigeria \(AP\) — The new dam <a /);
  });

  it('keeps a feed item\'s and a pushed story\'s HTML, sanitized, links resolved against the story URL, title repeat gone', () => {
    const html = '<h1>Metro</h1><p>By Ana Ruiz</p><p>The <a href="/metro">metro line</a> opens <b>today</b>.<script>alert(1)</script></p><ol><li>First stop: Sol.</li></ol><p><img src="https://px.example/t.gif" width="1" height="1">Trains run every four minutes.</p>';
    const fromFeed = normalizeStory({ title: 'Metro', url: 'https://news.example.com/metro/opens', html }, { sourceId: 'feed' });
    const pushed = storyFromInput({ title: 'Metro', url: 'https://news.example.com/metro/opens', body: { html } }, { sourceId: 'push' });
    for (const s of [fromFeed, pushed]) {
      assert.equal(s.body.text, 'The metro line opens today.\n\nFirst stop: Sol.\n\nTrains run every four minutes.');
      assert.equal(s.body.html, '<p>The <a href="https://news.example.com/metro">metro line</a> opens <b>today</b>.</p><ol><li>First stop: Sol.</li></ol><p>Trains run every four minutes.</p>');
    }
  });

  it('falls back to plain paragraphs when the markup says something body.text does not', () => {
    // body.text and body.html given separately and disagreeing: the text is the story.
    const s = storyFromInput({ title: 'T', body: { text: 'One.\n\nTwo.', html: '<p>One.</p><p>Three.</p>' } }, { sourceId: 'push' });
    assert.equal(s.body.html, '<p>One.</p>\n<p>Two.</p>');
  });

  it('leaves plain-text inputs as escaped <p> paragraphs', () => {
    const s = parseTextStory('Title line\n\nBERLIN — A <b>tag</b> & text.\n\nSecond paragraph.', { sourceId: 'files' });
    assert.equal(s.body.html, '<p>A &lt;b&gt;tag&lt;/b&gt; &amp; text.</p>\n<p>Second paragraph.</p>');
  });

  it('shows an image listed in images once: not again inline', () => {
    const s = normalizeStory(
      { title: 'T', html: '<p>Text <img src="https://img.example.com/a.jpg" alt=""> here.</p>', images: [{ url: 'https://img.example.com/a.jpg', caption: 'A', credit: null }] },
      { sourceId: 's' },
    );
    assert.equal(s.body.html, '<p>Text  here.</p>');
  });
});
