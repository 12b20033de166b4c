import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { buildFeedModel } from '../../src/publish/build-feed-model.js';
import { CREDIT_ROLE_SCHEME } from '../../src/publish/feed-extension.js';
import type { FeedDefinition } from '../../src/publish/feed-definitions.js';
import { renderJson, WIREFEED_EXTENSION_ABOUT } from '../../src/publish/render-json.js';
import { makeStory } from '../support/make-story.js';

/** The anchors GitHub gives README.md's headings (github-slugger is its algorithm). */
function readmeAnchors(): string[] {
  const slugger = new GithubSlugger();
  const markdown = readFileSync('README.md', 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return [...markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => slugger.slug(m[1]!));
}

describe('publish: JSON Feed _wirefeed extension', () => {
  it('`about` links to a heading of README.md', () => {
    const about = new URL(WIREFEED_EXTENSION_ABOUT);
    assert.equal(`${about.origin}${about.pathname}`, 'https://github.com/wirefeed/wirefeed', 'the repository page, which shows README.md');
    const anchors = readmeAnchors();
    assert.ok(anchors.includes('quick-start'), `headings found: ${anchors.join(', ')}`);
    assert.ok(anchors.includes(about.hash.slice(1)), `${about.hash} is not one of README.md's headings: ${anchors.join(', ')}`);
  });

  it('the Media RSS credit role scheme links to a heading of README.md too', () => {
    assert.ok(readmeAnchors().includes(new URL(CREDIT_ROLE_SCHEME).hash.slice(1)), CREDIT_ROLE_SCHEME);
  });
});

describe('publish: minimal escaping in JSON Feed content_html', () => {
  it('writes apostrophes and quotes in text as themselves, escaping only what is markup', () => {
    const story = makeStory({
      dateline: { text: "CÔTE D'IVOIRE", place: null, region: null, country: null, agency: null, date: null },
      images: [{ url: 'https://img.example.com/a.jpg?w=1&h=2', caption: 'The "old" harbour\'s wall <at dawn>', credit: "O'Brien" }],
      body: { text: "It's open.", html: "<p>It's open.</p>" },
    });
    const model = buildFeedModel(
      { id: 'inbox', kind: 'source', title: 'Inbox', description: 'd', sourceIds: ['inbox'], limit: 10, language: 'en', ttlMinutes: 15 } as FeedDefinition,
      [{ story, firstSeen: '2026-03-04T10:00:00.000Z', lastChanged: '2026-03-04T10:00:00.000Z' }],
      { baseUrl: 'https://feeds.example.org', format: 'json', lastChanged: null },
    );
    const html = (JSON.parse(renderJson(model)) as { items: { content_html: string }[] }).items[0]!.content_html;
    assert.ok(!/&#39;|&apos;|&#x27;/.test(html), html);
    assert.match(html, /<figcaption>The "old" harbour's wall &lt;at dawn&gt; <small>Photo: O'Brien<\/small><\/figcaption>/);
    assert.match(html, /src="https:\/\/img\.example\.com\/a\.jpg\?w=1&amp;h=2" alt="The &quot;old&quot; harbour's wall &lt;at dawn&gt;"/, 'attributes escape only & < > "');
    assert.match(html, /<p>CÔTE D'IVOIRE — It's open\.<\/p>/);
  });
});
