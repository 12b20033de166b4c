// Feed serving throughput on loopback: wirefeed's cached feed GET and 304 answers against
// a bare node:http server sending the same bytes and headers, in the same run.
// Goals: cached GET >= 0.8x bare, 304 >= 0.5x bare; p99 latency reported.
// The servers run in a child process so that autocannon does not share their CPU.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

interface Target {
  ours: number;
  bare: number;
  path: string;
  etag: string;
  encoding: string;
  bytes: number;
}

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type Run = Awaited<ReturnType<typeof load>>;

async function load(port: number, path: string, headers: Record<string, string>) {
  const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, pipelining: 1, duration: DURATION, headers });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r['4xx'] + r['5xx'] };
}

export async function run(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-target.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const t = JSON.parse(line) as Target;
  console.log(`feed ${t.path}: ${(t.bytes / 1024).toFixed(1)} KB ${t.encoding}, ${CONNECTIONS} connections, ${DURATION} s per run`);
  try {
    const cases: { name: string; goal: number; headers: Record<string, string> }[] = [
      { name: 'cached GET', goal: 0.8, headers: { 'accept-encoding': t.encoding } },
      { name: '304 If-None-Match', goal: 0.5, headers: { 'accept-encoding': t.encoding, 'if-none-match': t.etag } },
    ];
    for (const c of cases) {
      await load(t.bare, t.path, c.headers); // warm-up both
      await load(t.ours, t.path, c.headers);
      // Alternate runs and take the median ratio: shared machines are noisy.
      const rounds: { ratio: number; ours: Run; bare: Run }[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const bare = await load(t.bare, t.path, c.headers);
        const ours = await load(t.ours, t.path, c.headers);
        rounds.push({ ratio: ours.rps / bare.rps, ours, bare });
      }
      rounds.sort((a, b) => a.ratio - b.ratio);
      const { ratio, ours, bare } = rounds[Math.floor(rounds.length / 2)]!;
      console.log(
        `${c.name}: wirefeed ${Math.round(ours.rps)} req/s (p99 ${ours.p99} ms), bare node:http ${Math.round(bare.rps)} req/s (p99 ${bare.p99} ms): ` +
          `${ratio.toFixed(2)}x median of ${ROUNDS} [${rounds.map((r) => r.ratio.toFixed(2)).join(' ')}] (goal >= ${c.goal}x) ${ratio >= c.goal ? 'ok' : 'MISSED'}`,
      );
      if (ours.errors > 0) console.log(`  wirefeed answered ${ours.errors} requests with an unexpected status`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}
