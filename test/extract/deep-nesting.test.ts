// Deeply nested markup (issue 15, finding 3): thousands of nested <div>s must neither
// overflow the stack nor cost quadratic time. Nesting deeper than MAX_NESTING is flattened
// (its text kept); subtree measurements are built bottom up in one walk. Time limits here
// are hang guards only.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Element, isTag, type AnyNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { bodyParagraphs } from '../../src/extract/html-blocks.js';
import { collapse, commaCount, elementsIn, linkDensity, textOf } from '../../src/extract/html-dom.js';
import { findArticleLinks } from '../../src/extract/html-links.js';
import { densityOf, measureAll } from '../../src/extract/html-measure.js';
import { capMarkupNesting, capNesting, MAX_NESTING } from '../../src/extract/html-nesting.js';
import { extractStory } from '../../src/normalize/extract-story.js';
import { normalizeStory } from '../../src/normalize/normalize-story.js';

const SENTENCE = 'The harbour board met again on Tuesday, and the ferry timetable was read out in full. ';

/** `levels` nested <div>s, each holding a sentence of its own before the next level. */
function nested(levels: number, open = '<div>', close = '</div>'): string {
  return (open + SENTENCE).repeat(levels) + close.repeat(levels);
}

function page(body: string): string {
  return `<html><head><title>Deep page</title></head><body><h1>Deep page</h1>${body}</body></html>`;
}

function depthOf(root: AnyNode): number {
  let max = 0;
  const stack: [AnyNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    if ('children' in node) for (const c of node.children) if (isTag(c)) stack.push([c, depth + 1]);
  }
  return max;
}

describe('deeply nested markup', function () {
  this.timeout(120_000); // hang guard only: these took minutes or crashed before the fix

  it('a page nested 6000 levels deep extracts, its text kept', () => {
    const story = extractStory(page(nested(6000)), { url: 'https://news.example.com/deep' });
    const words = story.body.text.match(/harbour board/g) ?? [];
    assert.equal(words.length, 6000, 'every level\'s sentence is in the body');
  });

  it('the review\'s case, 2000 levels of 300 characters, extracts', () => {
    const long = SENTENCE.repeat(4).slice(0, 300);
    const html = page(('<div>' + long).repeat(2000) + '</div>'.repeat(2000));
    const story = extractStory(html, { url: 'https://news.example.com/deep' });
    assert.ok(story.body.text.length > 2000 * 250, `${story.body.text.length} characters`);
  });

  it('body HTML from a feed or a push nested 6000 levels deep normalizes', () => {
    const story = normalizeStory({ title: 'Deep item', url: 'https://news.example.com/deep-item', html: nested(6000, '<div class="caption">') }, { sourceId: 'deep' });
    assert.ok(story.body.text.includes('harbour board'));
  });

  it('a listing nested 6000 levels deep is read for links', () => {
    const teaser = '<article><h2><a href="/news/2026/05/04/ferry-timetable-read-out">Ferry timetable read out</a></h2></article>';
    const links = findArticleLinks(page(nested(6000, '<div><span>') + teaser), { pageUrl: 'https://news.example.com/' }).links;
    assert.deepEqual(links, ['https://news.example.com/news/2026/05/04/ferry-timetable-read-out']);
  });

  it('capNesting flattens below the cap, keeping text, images and paragraph breaks', () => {
    const doc = parseDocument(`<main>${'<div>'.repeat(10)}<p>One <b>bold</b> line.</p><script>x()</script><img src="a.jpg"><p>Two.</p>${'</div>'.repeat(10)}</main>`);
    assert.ok(capNesting(doc, 5) > 0);
    assert.equal(depthOf(doc), 6, 'the cap level plus the leaves lifted into it');
    const capped = elementsIn(doc).find((e) => e.children.some((c) => isTag(c) && c.name === 'img'))!;
    assert.deepEqual(bodyParagraphs(capped), ['One bold line.', 'Two.'], 'script text dropped, the rest in order, a break where a block ended');
    assert.deepEqual(capped.children.filter(isTag).map((e) => e.name), ['br', 'br', 'img', 'br', 'br']);
    assert.equal(capNesting(parseDocument(page(nested(20))), MAX_NESTING), 0, 'ordinary pages are left alone');
  });

  it('markup that hides its depth (stray close tags, "<div/>") is capped before the sanitizer reads it', () => {
    for (const open of ['<div/></span>', '<div></b>', '<section></div></p>']) {
      const capped = capMarkupNesting((open + 'x ').repeat(1000));
      assert.ok(depthOf(parseDocument(capped)) <= MAX_NESTING + 1, `${open}: depth ${depthOf(parseDocument(capped))}`);
      assert.equal((textOf(parseDocument(capped)).match(/x/g) ?? []).length, 1000, 'text kept');
    }
    const shallow = '<p>One</p>'.repeat(300);
    assert.equal(capMarkupNesting(shallow), shallow, 'shallow markup is returned as it came');
  });

  it('bottom-up measures agree with reading each subtree', () => {
    const word = fc.constantFrom('a', 'b c', ' ', '  x, y ', '\n', 'long word, here', '');
    type Tree = { tag: string; href?: string; kids: (Tree | string)[] };
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
      t: fc.record({
        tag: fc.constantFrom('div', 'p', 'a', 'li', 'img', 'span', 'figure', 'input'),
        href: fc.constantFrom(undefined, '#top', '/x'),
        kids: fc.array(fc.oneof({ depthSize: 'small' }, word, tie('t')), { maxLength: 4 }),
      }),
    })).t;
    const html = (t: Tree | string): string => (typeof t === 'string' ? t : `<${t.tag}${t.href ? ` href="${t.href}"` : ''}>${t.kids.map(html).join('')}</${t.tag}>`);
    fc.assert(
      fc.property(tree, (t) => {
        const root = new Element('div', {}, parseDocument(html(t)).children);
        for (const c of root.children) c.parent = root;
        const measures = measureAll(root);
        for (const el of [root, ...elementsIn(root)]) {
          const m = measures.get(el)!;
          const text = collapse(textOf(el));
          assert.equal(m.length, text.length);
          assert.equal(m.commas, commaCount(text));
          assert.ok(Math.abs(densityOf(m) - linkDensity(el)) < 1e-9);
          assert.equal(m.p, elementsIn(el).filter((e) => e.name === 'p').length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
