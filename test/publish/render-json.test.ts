import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { WIREFEED_EXTENSION_ABOUT } from '../../src/publish/render-json.js';

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
});
