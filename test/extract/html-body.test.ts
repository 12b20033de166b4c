// Per-source iframe allow-list (extract.allowIframes): only https embeds from listed hosts,
// with safe attributes, survive sanitizing; everything else that frames is dropped.
import assert from 'node:assert/strict';
import { iframeAllowed } from '../../src/extract/html-iframes.js';
import { sanitizeFragment } from '../../src/normalize/html-sanitize.js';
import { extractStory } from '../../src/normalize/extract-story.js';
import { SourceConfigSchema } from '../../src/sources/registry.js';
import { unsafeParts } from '../hardening/unsafe-html.js';

const HOSTS = ['www.youtube.com', '*.vimeo.com'];
const EMBED = '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" title="Ferry video" allowfullscreen onload="alert(1)" style="x" name="n" allow="autoplay" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">fallback text</iframe>';

describe('iframe allow-list', () => {
  it('matches hosts exactly, "*.host" for subdomains only, and https only', () => {
    assert.ok(iframeAllowed('https://www.youtube.com/embed/x', HOSTS));
    assert.ok(iframeAllowed('https://player.vimeo.com/video/1', HOSTS));
    assert.ok(!iframeAllowed('https://vimeo.com/video/1', HOSTS), 'the apex is not a subdomain');
    assert.ok(!iframeAllowed('https://youtube.com/embed/x', HOSTS), 'exact host only');
    assert.ok(!iframeAllowed('https://www.youtube.com.evil.example/embed/x', HOSTS));
    assert.ok(!iframeAllowed('https://evilvimeo.com/x', HOSTS));
    assert.ok(!iframeAllowed('http://www.youtube.com/embed/x', HOSTS), 'http');
    assert.ok(!iframeAllowed('https://user:pw@www.youtube.com/embed/x', HOSTS), 'credentials');
    assert.ok(!iframeAllowed('//www.youtube.com/embed/x', HOSTS), 'protocol-relative');
    assert.ok(!iframeAllowed('javascript:alert(1)//www.youtube.com', HOSTS));
    assert.ok(!iframeAllowed('data:text/html,<script>alert(1)</script>', HOSTS));
    assert.ok(!iframeAllowed('https://www.youtube.com/embed/x', []), 'no list, no iframe');
  });

  it('keeps an allowed embed with only safe attributes, sandboxed, no referrer, lazy', () => {
    const html = sanitizeFragment(`<p>Watch the ferry.</p>${EMBED}`, 'https://news.example.com/a', { allowIframes: HOSTS });
    assert.equal(
      html,
      '<p>Watch the ferry.</p><iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" title="Ferry video" allowfullscreen="allowfullscreen" ' +
        'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" referrerpolicy="strict-origin-when-cross-origin" loading="lazy"></iframe>',
    );
    assert.deepEqual(unsafeParts(html, { allowIframeHosts: ['www.youtube.com'] }), []);
  });

  it('drops srcdoc, javascript:, data:, http:, relative and unlisted iframes, and every iframe without a list', () => {
    const hostile = [
      '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>',
      '<iframe src="http://www.youtube.com/embed/abc"></iframe>',
      '<iframe src="/embed/abc"></iframe>',
      '<iframe src="https://evil.example/frame">inner text</iframe>',
      '<IFRAME SRC="https://evil.example/frame"></IFRAME>',
    ].join('');
    const html = sanitizeFragment(`<p>Text.</p>${hostile}`, 'https://www.youtube.com/page', { allowIframes: HOSTS });
    assert.equal(html, '<p>Text.</p>');
    assert.equal(sanitizeFragment(`<p>Text.</p>${EMBED}`, null), '<p>Text.</p>');
  });

  it('an allowed embed survives page extraction (also inside a figure or an empty container); others do not', () => {
    const page = `<html><head><title>Ferry returns</title></head><body><article><h1>Ferry returns</h1>
      <p>The old ferry returned to service on Sunday after a winter in the dry dock, its owners said.</p>
      <div class="video-embed">${EMBED}</div>
      <figure><iframe src="https://player.vimeo.com/video/42"></iframe><figcaption>The crossing.</figcaption></figure>
      <iframe src="https://evil.example/frame"></iframe>
      <p>Crossings take forty minutes and run every hour from seven in the morning, the timetable shows.</p></article></body></html>`;
    const allowed = extractStory(page, { url: 'https://news.example.com/ferry', rules: { allowIframes: HOSTS } });
    assert.match(allowed.body.html, /<iframe src="https:\/\/www\.youtube\.com\/embed\/abc123"[^>]* sandbox="[^"]+" referrerpolicy="strict-origin-when-cross-origin" loading="lazy"><\/iframe>/);
    assert.match(allowed.body.html, /<iframe src="https:\/\/player\.vimeo\.com\/video\/42"/);
    assert.ok(!allowed.body.html.includes('evil.example'));
    assert.ok(!allowed.body.text.includes('fallback text'));
    const plain = extractStory(page, { url: 'https://news.example.com/ferry' });
    assert.ok(!plain.body.html.includes('<iframe'), plain.body.html);
    assert.equal(plain.body.text, allowed.body.text);
  });

  it('is a documented, validated source key: host names or *.host, lower-cased', () => {
    const base = { id: 'web', type: 'html', url: 'https://news.example.com/' };
    const html = (v: unknown) => SourceConfigSchema.parse(v) as { extract: { allowIframes: string[] } };
    const ok = html({ ...base, extract: { allowIframes: ['WWW.YouTube.com', '*.vimeo.com'] } });
    assert.deepEqual(ok.extract.allowIframes, ['www.youtube.com', '*.vimeo.com']);
    assert.deepEqual(html(base).extract.allowIframes, []);
    for (const bad of ['https://www.youtube.com', 'www.youtube.com/embed', '*', '*.com.', 'localhost']) {
      assert.equal(SourceConfigSchema.safeParse({ ...base, extract: { allowIframes: [bad] } }).success, false, bad);
    }
  });
});
