// The checks `wirefeed test` prints and a run's health reads: expectations and universal ones.
import assert from 'node:assert/strict';
import { challengeMarker } from '../../src/schedule/challenge-page.js';
import { expectationsOf } from '../../src/schedule/source-expectations.js';
import { checkExpectations, checkUniversal, runStats } from '../../src/schedule/story-checks.js';
import { AppError } from '../../src/errors.js';
import { classifyFailure } from '../../src/fetch/fetch-failure.js';
import { makeStory } from '../support/make-story.js';

const NOW = new Date('2026-03-05T12:00:00Z');
const story = (i: number, over: Parameters<typeof makeStory>[0] = {}) =>
  makeStory({ id: `s${i}`, url: `https://news.example.com/${i}`, title: `Story ${i}`, published: '2026-03-05T08:00:00.000Z', body: { text: `Body ${i} `.repeat(50), html: '' }, ...over });

describe('story checks', () => {
  it('reports a share below its expectation with the stories that lack it', () => {
    const stories = [story(1), story(2, { published: null }), story(3, { published: null })];
    const failures = checkExpectations(stories, { withDate: 0.5 }, NOW);
    assert.deepEqual(failures, [{ check: 'withDate', message: '33% of stories have a date, expected at least 50%', examples: ['https://news.example.com/2', 'https://news.example.com/3'] }]);
    assert.deepEqual(checkExpectations(stories, { withDate: 0.3 }, NOW), []);
  });

  it('checks minimum stories, most bodies long enough, and the age of the newest story', () => {
    const stories = [story(1, { body: { text: 'short', html: '' } }), story(2, { body: { text: 'tiny', html: '' } }), story(3)];
    const checks = checkExpectations(stories, { minStoriesPerRun: 5, minBodyLength: 100, maxAgeHours: 2 }, NOW).map((f) => f.check);
    assert.deepEqual(checks, ['minStoriesPerRun', 'minBodyLength', 'maxAgeHours']);
    assert.deepEqual(checkExpectations(stories, { minStoriesPerRun: 2, minBodyLength: 5, maxAgeHours: 5 }, NOW), []);
  });

  it('finds duplicate ids and bodies, missing titles, empty bodies, odd dates and links off the site', () => {
    const stories = [
      story(1),
      story(1, { url: 'https://news.example.com/1b' }),
      story(2, { title: ' ' }),
      story(3, { body: { text: '', html: '' } }),
      story(4, { published: '2027-01-01T00:00:00.000Z' }),
      story(5, { published: '1970-01-01T00:00:00.000Z' }),
      story(6, { url: 'https://elsewhere.example.org/6' }),
      story(7, { url: '/relative/7' }),
      story(8, { url: 'https://www.news.example.com/8' }),
    ];
    const found = checkUniversal(stories, NOW, 'news.example.com').map((f) => `${f.check}: ${f.message}`);
    assert.deepEqual(found, [
      'uniqueIds: 1 story: id shared with another story',
      'titles: 1 story: no title',
      'bodies: 1 story: empty body',
      'dates: 1 story: dated in the future',
      'dates: 1 story: dated decades ago',
      'links: 1 story: link not absolute http(s)',
      'links: 1 story: link not on news.example.com',
      'duplicateBodies: 1 story: body the same as another story',
    ]);
  });

  it('sums a run up: shares and the median body', () => {
    const stats = runStats([story(1), story(2, { published: null, byline: 'Ada' })]);
    assert.deepEqual([stats.stories, stats.withDate, stats.withByline, stats.withImage], [2, 0.5, 0.5, 0]);
    assert.equal(runStats([]).withDate, null);
  });

  it('takes the defaults of the source type under the source own keys', () => {
    const html = { id: 'n', type: 'html', url: 'https://news.example.com/', expect: { minBodyLength: 300 } } as unknown as Parameters<typeof expectationsOf>[0];
    assert.deepEqual(expectationsOf(html), { withDate: 0.5, minBodyLength: 300 });
    const files = { id: 'f', type: 'files', path: 'x', expect: {} } as unknown as Parameters<typeof expectationsOf>[0];
    assert.deepEqual(expectationsOf(files), {});
  });
});

describe('what a failure says about health', () => {
  it('sorts fetch errors by code and status', () => {
    const cases: [AppError, string | null][] = [
      [new AppError('FETCH_REJECTED', 'https://a.example/: HTTP 403'), 'blocked'],
      [new AppError('FETCH_REJECTED', 'https://a.example/: HTTP 401'), 'blocked'],
      [new AppError('FETCH_FAILED', 'https://a.example/: HTTP 429'), 'blocked'],
      [new AppError('FETCH_DISALLOWED', 'https://a.example/: disallowed by robots.txt'), 'blocked'],
      [new AppError('FETCH_REJECTED', 'https://a.example/: HTTP 404'), 'misconfigured'],
      [new AppError('FETCH_REJECTED', 'https://a.example/: HTTP 400'), 'broken'],
      [new AppError('FETCH_FAILED', 'https://a.example/: HTTP 503'), 'unreachable'],
      [new AppError('FETCH_FAILED', 'https://a.example/: ECONNREFUSED'), 'unreachable'],
      [new AppError('FETCH_TIMEOUT', 'https://a.example/: timed out'), 'unreachable'],
      [new AppError('FETCH_ADDRESS_REFUSED', 'refusing'), 'misconfigured'],
      [new AppError('FETCH_TOO_LARGE', 'big'), 'broken'],
      [new AppError('PARSE_FAILED', 'bad'), null],
    ];
    for (const [err, want] of cases) assert.equal(classifyFailure(err), want, err.message);
    assert.equal(classifyFailure(new Error('plain')), null);
  });

  it('knows a challenge page by its markers, not an article that mentions captchas', () => {
    assert.equal(challengeMarker('<html><head><title>Just a moment...</title></head></html>', {}), 'a "Just a moment..." interstitial');
    assert.equal(challengeMarker('<div class="g-recaptcha" data-sitekey="x"></div>', {}), 'a captcha');
    assert.equal(challengeMarker('', { 'cf-mitigated': 'challenge' }), 'a Cloudflare challenge');
    assert.equal(challengeMarker('<html><head><title>Attention Required! | Cloudflare</title></head></html>', {}), 'a bot-check page');
    assert.equal(challengeMarker('<html><head><title>Why captchas fail</title></head><body><p>How sites verify visitors.</p></body></html>', {}), null);
    assert.equal(challengeMarker('<html><head><title>City council votes</title></head><body><p>The captcha on the city site broke.</p></body></html>', {}), null);
  });
});
