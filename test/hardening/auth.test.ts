// Tokens: compared in constant time, never logged, and a 401 says nothing about them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { AppError } from '../../src/errors.js';
import { eventually } from '../support/eventually.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { capturingLogger } from '../support/log-capture.js';
import { testThreads } from '../support/test-app.js';

const PUSH_TOKEN = 'push-SECRET-4f1c9e2ab7d3';
const ADMIN_TOKEN = 'admin-SECRET-9a8b7c6d5e4f';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('hardening: auth tokens', () => {
  let dir: TempDir;
  let app: App;
  let logs: ReturnType<typeof capturingLogger>;
  beforeEach(async () => {
    dir = tempDir();
    dir.write('config/sources/desk.yaml', 'id: desk\ntype: push\ntoken: ${PUSH_TOKEN}\nmaxBytes: 2048\n');
    logs = capturingLogger();
    const env = { DATABASE_URL: 'file::memory:', PUSH_TOKEN, ADMIN_TOKEN, LOG_LEVEL: 'trace' };
    app = await createApp({ env, configDir: dir.path('config'), clock: fixedClock('2026-03-05T08:00:00Z'), log: logs.log, ...testThreads() });
  });
  afterEach(async () => {
    await app?.close();
    dir?.remove();
  });

  const push = (token: string | null, body = '{"title":"T","body":{"text":"Text."}}', type = 'application/json') => {
    const r = request(app.web).post('/api/sources/desk/stories').set('Content-Type', type);
    if (token !== null) r.set('Authorization', `Bearer ${token}`);
    return r.send(body);
  };

  it('401 answers carry a fixed code and message: no token, no hint of its length or prefix', async () => {
    const tries = [null, '', 'x', PUSH_TOKEN.slice(0, -1), `${PUSH_TOKEN}x`, PUSH_TOKEN.toUpperCase(), ADMIN_TOKEN];
    const bodies = new Set<string>();
    for (const t of tries) {
      const res = await push(t).expect(401);
      assert.equal(res.body.error, 'UNAUTHORIZED');
      assert.ok(!res.text.includes('SECRET'), `401 body leaks: ${res.text}`);
      assert.doesNotMatch(String(res.headers['www-authenticate']), /SECRET|error_description/);
      bodies.add(res.text);
    }
    assert.equal(bodies.size, 1, `401 bodies differ by input: ${[...bodies].join(' | ')}`);
  });

  it('no token ever reaches the logs, on success, on failure and on bad input', async () => {
    await push(PUSH_TOKEN).expect(201);
    await push(`${PUSH_TOKEN}-wrong`).expect(401);
    await push(PUSH_TOKEN, '{"title": ').expect(400);
    await push(PUSH_TOKEN, 'x'.repeat(5000)).expect(413);
    await request(app.web).get('/feeds/desk.rss').set('Authorization', `Bearer ${PUSH_TOKEN}`).expect(200);
    await request(app.web).post('/api/sources/desk/run').set('Authorization', `Bearer ${ADMIN_TOKEN}x`);
    await request(app.web).post('/api/sources/desk/run').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(202);
    // The run goes on after the answer: wait for its last line.
    await eventually('the run logged its outcome', () => logs.text().includes('"msg":"source run"'));
    const text = logs.text();
    assert.ok(text.length > 0, 'nothing was logged at trace level: the capture is not wired');
    assert.ok(!text.includes('SECRET'), `a token was logged:\n${text.split('\n').filter((l) => l.includes('SECRET')).join('\n')}`);
  });

  it('config problems name the field, never the token value', () => {
    const bad = tempDir();
    bad.write('config/sources/desk.yaml', 'id: desk\ntype: push\ntoken: short-SECRET\n');
    try {
      assert.throws(
        () => loadConfig(bad.path('config'), { env: {} }),
        (err: unknown) => err instanceof AppError && /token/.test(err.message) && !err.message.includes('SECRET') && !err.details.join('\n').includes('SECRET'),
      );
    } finally {
      bad.remove();
    }
  });

  it('every token comparison in src/ is constant-time: timingSafeEqual, never === on a secret', () => {
    const offenders: string[] = [];
    let safe = 0;
    for (const file of sourceFiles('src')) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/timingSafeEqual\(/.test(line)) safe += 1;
        if (/(?:token|secret|password)\w*\s*[!=]==?|[!=]==?\s*\w*(?:token|secret|password)/i.test(line) && !/typeof|===? (?:undefined|null)|\.length/.test(line)) {
          offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(offenders, []);
    assert.ok(safe >= 1, 'no timingSafeEqual found at all');
  });
});
