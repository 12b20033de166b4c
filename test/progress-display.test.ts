import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { progressDisplay } from '../src/progress-display.js';
import { skipUnavailable } from './support/skip-unavailable.js';
import { spawnCli } from './support/spawn-cli.js';
import { tempDir } from './support/temp-dir.js';

/** A terminal-like stream: what a TTY would be sent, as text. */
function terminal(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 120 });
  return { stream, text: () => text };
}

describe('progressDisplay', () => {
  it('redraws one line in place on a TTY with pages and story counts, then clears it', () => {
    const t = terminal(true);
    const p = progressDisplay(t.stream, 'desk', 0);
    p.update({ pages: 3 });
    p.update({ new: 2, updated: 1, unchanged: 0, failed: 1 });
    p.done();
    const frames = t.text().split('\r\x1b[2K');
    assert.equal(frames[0], '', 'every frame starts by clearing the line');
    assert.equal(frames.at(-2), 'desk: 3 pages fetched · 2 new · 1 updated · 0 unchanged · 1 failed');
    assert.equal(frames.at(-1), '', 'cleared at the end, so the summary line stands alone');
    assert.ok(!t.text().includes('\n'), 'never scrolls');
  });

  it('throttles redraws', () => {
    const t = terminal(true);
    const p = progressDisplay(t.stream, 'desk', 60_000);
    for (let i = 1; i <= 100; i++) p.update({ new: i });
    assert.equal(t.text().split('\r\x1b[2K').length - 1, 1);
  });

  it('writes nothing when the stream is not a TTY', () => {
    const t = terminal(false);
    const p = progressDisplay(t.stream, 'desk', 0);
    p.update({ pages: 1, new: 1 });
    p.done();
    assert.equal(t.text(), '');
  });

  it('wirefeed run piped (not a TTY) prints only the one-line summary', async () => {
    const dir = tempDir();
    dir.write('config/sources/inbox.yaml', `id: inbox\ntype: files\npath: ${dir.path('stories')}\n`);
    dir.write('stories/a.txt', 'Alpha\n\nFirst.\n');
    dir.write('stories/b.txt', 'Beta\n\nSecond.\n');
    const cli = spawnCli(['run', 'inbox'], { WIREFEED_CONFIG: dir.path('config'), DATABASE_URL: `file:${dir.path('w.db')}` });
    let out = '';
    cli.child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    try {
      assert.equal(await new Promise((r) => cli.child.once('exit', r)), 0, cli.stderr());
      assert.match(out, /^inbox: ok; 2 new, 0 updated, 0 unchanged, 0 failed in \d+ ms\n$/);
    } finally {
      dir.remove();
    }
  });

  it('wirefeed run on a real pseudo-terminal shows the live line, then the same summary', function () {
    this.timeout(90_000); // a hang guard: tsx compiles the CLI in the child, slow on a loaded machine
    // util-linux `script` gives the child a pty, so stdout.isTTY is true as for an operator.
    skipUnavailable(this, !existsSync('/usr/bin/script') && '/usr/bin/script (util-linux) is not installed: no pty test');
    const dir = tempDir();
    dir.write('config/sources/inbox.yaml', `id: inbox\ntype: files\npath: ${dir.path('stories')}\n`);
    dir.write('stories/a.txt', 'Alpha\n\nFirst.\n');
    try {
      const cmd = `${process.execPath} --import tsx src/cli.ts run inbox 2>/dev/null`;
      const r = spawnSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], {
        env: { ...process.env, WIREFEED_CONFIG: dir.path('config'), DATABASE_URL: `file:${dir.path('w.db')}`, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /\r\x1b\[2Kinbox: 0 pages fetched · 1 new · 0 updated · 0 unchanged · 0 failed/);
      assert.match(r.stdout, /\r\x1b\[2Kinbox: ok; 1 new, 0 updated, 0 unchanged, 0 failed in \d+ ms\r?\n/);
    } finally {
      dir.remove();
    }
  });
});
