// Time from `wirefeed start` (the built CLI, as `npm start` runs it) to the default
// source's three feeds being served with all sample stories. Goal: under 10 s.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = 3;

async function once(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wirefeed-startup-'));
  const started = Date.now();
  const child = spawn(process.execPath, ['dist/cli.js', 'start'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: `file:${dir}/wirefeed.db`, WIREFEED_CONFIG: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        const m = /"port":(\d+),[^\n]*"msg":"listening"/.exec(err);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    for (;;) {
      const formats = await Promise.all(
        ['rss', 'atom', 'json'].map(async (f) => (await fetch(`http://127.0.0.1:${port}/feeds/inbox.${f}`)).text()),
      );
      // Seven sample stories: count one marker per item in each format.
      const counts = [/<item>/g, /<entry>/g, /"id":/g].map((re, i) => (formats[i]!.match(re) ?? []).length);
      if (counts.every((c) => c >= 7)) return Date.now() - started;
      if (Date.now() - started > 60_000) throw new Error(`not served after 60 s: ${counts.join(',')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  if (!existsSync('dist/cli.js')) {
    console.log('startup: skipped, dist/cli.js missing (run npm run build)');
    return;
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  const best = Math.min(...times);
  console.log(`startup: wirefeed start to three full feeds: ${times.join(', ')} ms (best ${best} ms; goal < 10000 ms)`);
}
