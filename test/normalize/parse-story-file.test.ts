import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { isStoryFile, parseStoryFile } from '../../src/normalize/parse-story-file.js';

const NITF = `<nitf><head><docdata><date.issue norm="20260402T183000"/></docdata></head><body><body.head>
<hedline><hl1>Market returns</hl1></hedline></body.head><body.content><p>Stalls opened.</p></body.content></body></nitf>`;

describe('parseStoryFile', () => {
  it('reads .xml as NITF, with the default zone for dates without an offset', () => {
    assert.ok(isStoryFile('wire/STORY.XML'));
    const story = parseStoryFile(NITF, 'market.xml', { sourceId: 'inbox', timezone: 'Asia/Tokyo' });
    assert.equal(story.title, 'Market returns');
    assert.equal(story.published, '2026-04-02T09:30:00.000Z');
    const ruled = parseStoryFile(NITF, 'market.xml', { sourceId: 'inbox', timezone: 'Asia/Tokyo', rules: { timezone: 'UTC', dropParagraphs: [] } });
    assert.equal(ruled.published, '2026-04-02T18:30:00.000Z', 'the source rule wins over the global zone');
  });

  it('reports an .xml file that is not NITF as PARSE_FAILED', () => {
    assert.throws(
      () => parseStoryFile('<html><body>x</body></html>', 'page.xml', { sourceId: 'inbox' }),
      (e: unknown) => e instanceof AppError && e.code === 'PARSE_FAILED' && /NITF/.test(e.message),
    );
  });
});
