import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { normalizeStory } from '../../src/normalize/normalize-story.js';

describe('normalizeStory', () => {
  it('cleans paragraphs from a web page: dateline on the lead, byline, promos, sign-off', () => {
    const story = normalizeStory(
      {
        title: 'Port reopens | Example News',
        url: 'https://news.example.com/port',
        paragraphs: [
          'By Jane Smith and RAVI PATEL',
          'MOMBASA, Kenya (Reuters) - The port reopened on Monday after a two-day strike.',
          'More from Example News: Strike ends at rail depot',
          'Cargo ships queued outside the harbour.',
          '(Reporting by Jane Smith; Editing by Tom Quayle)',
          '© 2026 Example News',
        ],
        html: '<p>ignored when paragraphs are given</p>',
      },
      { sourceId: 'web', rules: { titleSuffix: ' | Example News' } },
    );
    assert.equal(story.title, 'Port reopens');
    assert.deepEqual(story.dateline, { text: 'MOMBASA, Kenya (Reuters)', place: 'Mombasa', region: null, country: 'Kenya', agency: 'Reuters', date: null });
    assert.equal(story.byline, 'By Jane Smith and RAVI PATEL');
    assert.deepEqual(story.credits, [
      { name: 'Jane Smith', role: 'author' },
      { name: 'Ravi Patel', role: 'author' },
      { name: 'Tom Quayle', role: 'editor' },
    ]);
    assert.equal(story.body.text, 'The port reopened on Monday after a two-day strike.\n\nCargo ships queued outside the harbour.');
  });

  it('keeps what the extractor found and strips a repeated dateline from the lead', () => {
    const dateline = { text: 'OSLO', place: 'Oslo', region: null, country: 'Norway', agency: null, date: null };
    const story = normalizeStory(
      {
        title: 'Fjord ferry',
        dateline,
        byline: 'Per Lund',
        credits: [{ name: 'Per Lund', role: 'author' }],
        images: [{ url: 'https://img.example.com/a.jpg', caption: 'The ferry.', credit: null }],
        paragraphs: ['OSLO — The ferry sailed.', 'Photo: Kari Dahl/NTB'],
        published: '2026-03-01T10:00:00.000Z',
      },
      { sourceId: 'web' },
    );
    assert.deepEqual(story.dateline, dateline);
    assert.equal(story.byline, 'Per Lund');
    assert.deepEqual(story.credits, [
      { name: 'Per Lund', role: 'author' },
      { name: 'Kari Dahl', role: 'photographer' },
    ]);
    assert.deepEqual(story.images, [{ url: 'https://img.example.com/a.jpg', caption: 'The ferry.', credit: 'Kari Dahl/NTB' }]);
    assert.equal(story.body.text, 'The ferry sailed.');
    assert.equal(story.published, '2026-03-01T10:00:00.000Z');
  });

  it('escapes body.html as <p> paragraphs and keeps the summary within 300 characters', () => {
    const long = 'Word '.repeat(120).trim();
    const story = normalizeStory({ title: 'T', paragraphs: ['A <b>bold</b> & "quoted" claim.', long] }, { sourceId: 's' });
    assert.equal(story.body.html, `<p>A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; claim.</p>\n<p>${long}</p>`);
    assert.ok(story.summary.length <= 300);
    assert.ok(story.summary.startsWith('A <b>bold</b>'));
  });

  it('applies per-source dropParagraphs and reads undated times in the source zone', () => {
    const rules = { dropParagraphs: ['^Advertisement$'], timezone: 'America/New_York' };
    const raw = { title: 'T', paragraphs: ['Published March 2, 2026 9:00 a.m.', 'Advertisement', 'Body.'] };
    const story = normalizeStory(raw, { sourceId: 's', rules, timezone: 'Asia/Tokyo' });
    assert.equal(story.body.text, 'Body.');
    assert.equal(story.published, '2026-03-02T14:00:00.000Z');
    assert.equal(normalizeStory(raw, { sourceId: 's', timezone: 'Asia/Tokyo' }).published, '2026-03-02T00:00:00.000Z');
  });

  it('rejects a story without title or body with EXTRACT_EMPTY', () => {
    const empty = (fn: () => unknown) => assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === 'EXTRACT_EMPTY');
    empty(() => normalizeStory({ title: ' ', paragraphs: ['x'] }, { sourceId: 's' }));
    empty(() => normalizeStory({ title: 'T', paragraphs: ['Related: Other story', '© 2026 Example'] }, { sourceId: 's' }));
  });
});
