import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { extractNitf } from '../../src/extract/nitf.js';
import { parseNitfStory } from '../../src/index.js';

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE nitf [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
  <!ENTITY secret SYSTEM "file:///etc/hostname">
]>
<nitf><head><title>Bomb</title></head>
<body><body.content><p>Start &h; &secret; end &amp; more.</p></body.content></body></nitf>`;

describe('extractNitf', () => {
  it('expands no internal entity and reads no external one', () => {
    const { raw } = extractNitf(BOMB);
    assert.deepEqual(raw.paragraphs, ['Start &h; &secret; end & more.']);
    assert.equal(raw.title, 'Bomb');
  });

  it('reads hedline, byline persons, structured dateline, media and docdata', () => {
    const { raw, docId } = extractNitf(`<nitf xml:lang="en"><head><title>Head title</title>
      <docdata><doc-id id-string="x-1"/><date.issue norm="20260311T071500Z"/><key-list><keyword key="Ports"/></key-list></docdata></head>
      <body><body.head><hedline><hl1>Hedline wins</hl1></hedline>
      <byline>By <person>JANE SMITH</person> and <person>Ravi Patel</person><byttl>Staff Writers</byttl></byline>
      <dateline><location><city>OSLO</city><country>Norway</country></location></dateline></body.head>
      <body.content><media><media-reference source="https://i.example.com/a.jpg"/><media-caption><p>The fjord.</p></media-caption>
      <media-producer>Kari Dahl/NTB</media-producer></media><p>One.</p><block><p>Two.</p></block></body.content></body></nitf>`);
    assert.equal(docId, 'x-1');
    assert.equal(raw.title, 'Hedline wins');
    assert.equal(raw.byline, 'By JANE SMITH and Ravi Patel, Staff Writers');
    assert.deepEqual(raw.credits, [{ name: 'JANE SMITH', role: 'author' }, { name: 'Ravi Patel', role: 'author' }]);
    assert.deepEqual(raw.dateline, { text: 'OSLO, Norway', place: 'OSLO', region: null, country: 'Norway', agency: null, date: null });
    assert.deepEqual(raw.images, [{ url: 'https://i.example.com/a.jpg', caption: 'The fjord.', credit: 'Kari Dahl/NTB' }]);
    assert.deepEqual(raw.paragraphs, ['One.', 'Two.']);
    assert.equal(raw.published, '20260311T071500Z');
    assert.deepEqual(raw.categories, ['Ports']);
    assert.equal(raw.language, 'en');
  });

  it('refuses a document that is not NITF with PARSE_FAILED', () => {
    assert.throws(() => extractNitf('<rss><channel/></rss>'), (e: unknown) => e instanceof AppError && e.code === 'PARSE_FAILED');
    assert.throws(() => extractNitf('not xml at all'), (e: unknown) => e instanceof AppError && e.code === 'PARSE_FAILED');
  });
});

describe('parseNitfStory', () => {
  it('is a Story with normal-case names and the doc-id as identity', () => {
    const xml = (title: string) => `<nitf><head><docdata><doc-id id-string="d-9"/></docdata></head><body><body.head>
      <hedline><hl1>${title}</hl1></hedline><byline><person>JANE SMITH</person></byline></body.head>
      <body.content><p>Text.</p></body.content></body></nitf>`;
    const a = parseNitfStory(xml('First'), { sourceId: 'wire' });
    const b = parseNitfStory(xml('Corrected'), { sourceId: 'wire' });
    assert.equal(a.id, b.id, 'a correction keeps its identity');
    assert.deepEqual(a.credits, [{ name: 'Jane Smith', role: 'author' }]);
    assert.equal(a.body.html, '<p>Text.</p>');
  });
});
