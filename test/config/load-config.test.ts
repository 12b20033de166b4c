import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readConfig, loadConfig } from '../../src/config/load-config.js';
import { AppError } from '../../src/errors.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';

const GOOD_SOURCE = 'id: inbox\ntype: files\npath: stories\n';

describe('config loader', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  const problems = (env: NodeJS.ProcessEnv = {}) => {
    const r = readConfig(dir.root, { env, cwd: dir.root });
    assert.equal(r.ok, false, 'expected the config to be rejected');
    return r.ok ? [] : r.problems;
  };

  it('loads a minimal config with defaults and no wirefeed.yaml', () => {
    dir.write('sources/inbox.yaml', GOOD_SOURCE);
    const config = loadConfig(dir.root, { env: {}, cwd: dir.root });
    assert.equal(config.global.port, 8080);
    assert.equal(config.global.baseUrl, 'http://localhost:8080');
    assert.equal(config.global.defaults.schedule, '*/15 * * * *');
    assert.equal(config.sources[0]?.id, 'inbox');
    assert.equal(config.databaseUrl, `file:${dir.path('data/wirefeed.db')}`);
    assert.ok(Object.isFrozen(config.sources[0]), 'config is frozen');
  });

  it('applies env overrides and ${VAR} interpolation', () => {
    dir.write('wirefeed.yaml', 'title: Desk\nport: 9000\n');
    dir.write('sources/push.yaml', 'id: push-desk\ntype: push\ntoken: ${INGEST_TOKEN}\n');
    const config = loadConfig(dir.root, {
      env: { PORT: '9100', INGEST_TOKEN: 'a-long-secret-token-123', DATABASE_URL: 'file:/tmp/x.db', LOG_LEVEL: 'debug' },
      cwd: dir.root,
    });
    assert.equal(config.global.port, 9100);
    assert.equal(config.global.baseUrl, 'http://localhost:9100');
    assert.equal(config.databaseUrl, 'file:/tmp/x.db');
    assert.equal(config.logLevel, 'debug');
    const push = config.sources[0];
    assert.equal(push?.type === 'push' && push.token, 'a-long-secret-token-123');
  });

  it('rejects an unknown key, naming file and field', () => {
    dir.write('sources/inbox.yaml', `${GOOD_SOURCE}shedule: "* * * * *"\n`);
    assert.deepEqual(problems(), ['sources/inbox.yaml: shedule: unknown key']);
  });

  it('rejects a missing required field', () => {
    dir.write('sources/inbox.yaml', 'id: inbox\ntype: files\n');
    assert.deepEqual(problems(), ['sources/inbox.yaml: path: is required']);
  });

  it('rejects a bad cron expression and a bad id', () => {
    dir.write('sources/a.yaml', `${GOOD_SOURCE}schedule: "every minute"\n`);
    dir.write('sources/b.yaml', 'id: Bad_ID\ntype: files\npath: x\n');
    assert.deepEqual(problems(), [
      'sources/a.yaml: schedule: not a valid cron expression (5 or 6 fields)',
      'sources/b.yaml: id: must match [a-z0-9-]+ (at most 64 characters)',
    ]);
  });

  it('rejects an unknown source type, naming the types the source registry has', () => {
    dir.write('sources/a.yaml', 'id: a\ntype: telepathy\n');
    assert.deepEqual(problems(), ['sources/a.yaml: type: must be one of files, html, feed, sitemap, push']);
  });

  it('rejects YAML syntax errors with the line', () => {
    dir.write('sources/a.yaml', 'id: a\ntype: files\npath: [unclosed\n');
    const [line] = problems();
    assert.match(line ?? '', /^sources\/a\.yaml: line \d+: YAML syntax: /);
  });

  it('rejects duplicate ids and combined feeds over unknown sources', () => {
    dir.write('sources/a.yaml', GOOD_SOURCE);
    dir.write('sources/b.yaml', GOOD_SOURCE);
    dir.write('feeds/all.yaml', 'id: all\ntitle: All\nsources: [inbox, nowhere]\n');
    assert.deepEqual(problems(), [
      'sources/b.yaml: id: "inbox" is already used by sources/a.yaml',
      'feeds/all.yaml: sources.1: no source "nowhere"',
    ]);
  });

  it('rejects a missing environment variable and a bad PORT', () => {
    dir.write('sources/push.yaml', 'id: push-desk\ntype: push\ntoken: ${NOT_SET_ANYWHERE}\n');
    assert.deepEqual(problems({ PORT: 'eighty' }), [
      'environment: PORT: "eighty" is not a port number',
      'sources/push.yaml: token: environment variable NOT_SET_ANYWHERE is not set',
    ]);
  });

  it('rejects wrong value types and invalid regexes', () => {
    dir.write('wirefeed.yaml', 'port: "http"\n');
    dir.write('sources/a.yaml', `${GOOD_SOURCE}maxItems: -3\nnormalize:\n  dropParagraphs: ["(unclosed"]\n`);
    const found = problems();
    assert.equal(found[0], 'wirefeed.yaml: port: Invalid input: expected number, received string');
    assert.match(found[1] ?? '', /^sources\/a\.yaml: maxItems: /);
    assert.equal(found[2], 'sources/a.yaml: normalize.dropParagraphs.0: not a valid regular expression');
  });

  it('rejects an api.trustProxy entry that is not an address, range or known name', () => {
    dir.write('wirefeed.yaml', 'api:\n  trustProxy: [loopback, 10.0.0.0/8, "::1", 10.0.0.0/33, proxy.example]\n');
    dir.write('sources/a.yaml', GOOD_SOURCE);
    const bad = 'not an address, CIDR range, or one of loopback, linklocal, uniquelocal';
    assert.deepEqual(problems(), [`wirefeed.yaml: api.trustProxy.3: ${bad}`, `wirefeed.yaml: api.trustProxy.4: ${bad}`]);
  });

  it('loadConfig throws CONFIG_INVALID carrying every line', () => {
    dir.write('sources/a.yaml', 'id: a\ntype: files\nbogus: 1\n');
    assert.throws(
      () => loadConfig(dir.root, { env: {}, cwd: dir.root }),
      (err: unknown) => err instanceof AppError && err.code === 'CONFIG_INVALID' && err.details.length === 2,
    );
  });

  it('wirefeed check-config prints the problems and exits 1', () => {
    dir.write('sources/a.yaml', 'id: a\ntype: files\npath: x\ncolour: red\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check-config'], {
      env: { ...process.env, WIREFEED_CONFIG: dir.root },
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /sources\/a\.yaml: colour: unknown key\n$/);
  });

  it('wirefeed check-config exits 0 on the bundled default config', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check-config'], {
      env: { ...process.env, WIREFEED_CONFIG: '' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /ok \(1 sources/);
  });
});
