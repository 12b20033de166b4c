import assert from 'node:assert/strict';
import request from 'supertest';
import { createMetrics, METRIC_NAMES } from '../../src/server/metrics.js';
import { startServer } from '../support/local-server.js';
import { testApp, type TestApp } from '../support/test-app.js';

/** `name{labels} value` lines of a Prometheus text exposition, comments dropped. */
function samples(text: string): string[] {
  return text.split('\n').filter((l) => l && !l.startsWith('#'));
}

describe('/metrics', () => {
  let app: TestApp;
  before(async () => {
    app = await testApp({ files: { 'a.txt': 'Alpha\n\nFirst.\n', 'b.txt': 'Beta\n\nSecond.\n', 'broken.json': '{' } });
    await app.scheduler.runNow('inbox');
    await request(app.web).get('/feeds/inbox.rss').expect(200);
    await request(app.web).get('/feeds/inbox.json').expect(200);
    await request(app.web).get('/feeds/inbox?format=atom');
    await request(app.web).get('/feeds/nothing-here.rss').expect(404);
  });
  after(async () => app.dispose());

  it('serves the Prometheus text format', async () => {
    const res = await request(app.web).get('/metrics').expect(200);
    assert.match(res.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
    for (const name of Object.values(METRIC_NAMES)) assert.match(res.text, new RegExp(`^# TYPE ${name} `, 'm'), name);
  });

  it('counts runs by source and outcome, their duration and the stories ingested', async () => {
    const lines = samples((await request(app.web).get('/metrics')).text);
    assert.ok(lines.includes('wirefeed_source_runs_total{source="inbox",outcome="ok"} 1'), lines.join('\n'));
    assert.ok(lines.includes('wirefeed_source_run_duration_seconds_count{source="inbox"} 1'));
    assert.ok(lines.includes('wirefeed_stories_ingested_total{source="inbox",result="new"} 2'));
  });

  it('counts feed requests by feed, format and status, unknown feeds under one label', async () => {
    const lines = samples((await request(app.web).get('/metrics')).text);
    assert.ok(lines.includes('wirefeed_feed_requests_total{feed="inbox",format="rss",status="200"} 1'), lines.join('\n'));
    assert.ok(lines.includes('wirefeed_feed_requests_total{feed="inbox",format="json",status="200"} 1'));
    assert.ok(lines.some((l) => l.startsWith('wirefeed_feed_requests_total{feed="inbox",format="atom",')), '?format= counts as that format');
    assert.ok(lines.includes('wirefeed_feed_requests_total{feed="(unknown)",format="rss",status="404"} 1'));
  });

  it('counts fetches of the app HTTP client by host and status', async () => {
    const site = await startServer({
      '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('fine'),
      '/robots.txt': (_req, res) => res.writeHead(404).end(),
    });
    try {
      const source = { id: 'site', url: `${site.origin}/ok` };
      await app.http.get(`${site.origin}/ok`, { source });
      await assert.rejects(app.http.get(`${site.origin}/missing`, { source }));
      const lines = samples((await request(app.web).get('/metrics')).text);
      const host = `127.0.0.1:${site.port}`;
      assert.ok(lines.includes(`wirefeed_fetches_total{host="${host}",status="200"} 1`), lines.filter((l) => l.includes('fetches')).join('\n'));
      assert.ok(lines.includes(`wirefeed_fetches_total{host="${host}",status="404"} 2`), 'robots.txt and the missing page');
    } finally {
      await site.close();
    }
  });

  it('includes process metrics', async () => {
    const text = (await request(app.web).get('/metrics')).text;
    assert.match(text, /^process_cpu_user_seconds_total /m);
    assert.match(text, /^nodejs_heap_size_used_bytes /m);
  });
});

describe('createMetrics', () => {
  it('labels fetches by host and status, and counts render-cache hits and misses', async () => {
    const m = createMetrics({ processMetrics: false });
    m.observeFetch('https://News.Example.com/a', 200);
    m.observeFetch('https://news.example.com/b', 200);
    m.observeFetch('http://other.example.org:8080/x', 'error');
    m.observeRenderCache('hit');
    m.observeRenderCache('hit');
    m.observeRenderCache('miss');
    m.observeRenderCache('evict');
    m.observeRun({ runId: 1, sourceId: 'push-desk', new: 3, updated: 0, failed: 0, unchanged: 0, error: null, durationMs: 4 });
    const lines = samples(await m.registry.metrics());
    assert.ok(lines.includes('wirefeed_fetches_total{host="news.example.com",status="200"} 2'), lines.join('\n'));
    assert.ok(lines.includes('wirefeed_fetches_total{host="other.example.org:8080",status="error"} 1'));
    assert.ok(lines.includes('wirefeed_render_cache_hits_total 2'));
    assert.ok(lines.includes('wirefeed_render_cache_misses_total 1'));
    assert.ok(lines.includes('wirefeed_stories_ingested_total{source="push-desk",result="new"} 3'));
    assert.ok(!lines.some((l) => l.startsWith('process_')), 'process metrics off on request');
  });

  it('keeps registries apart, so two apps never share counters', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.observeRenderCache('hit');
    assert.ok(samples(await b.registry.metrics()).includes('wirefeed_render_cache_hits_total 0'));
  });
});
