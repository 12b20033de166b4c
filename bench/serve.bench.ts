// Feed serving throughput on loopback: wirefeed's cached feed GET and 304 answers against
// a bare node:http server sending the same bytes and headers, in the same run.
// Goals: cached GET >= 0.8x bare, 304 >= 0.8x bare; p99 latency reported.
// The servers run in a child process so that autocannon does not share their CPU.
// Throughput ratios swing widely on a loaded machine (other processes take the cores in
// turns), so each run also reports the server process's CPU time per request, read from
// /proc: the ratio of bare's to ours is what the hardware would give at full load.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** CPU seconds (user + system) the process has used so far, or NaN without /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

async function load(port: number, path: string, headers: Record<string, string>, pid: number) {
  const cpu = cpuSeconds(pid);
  const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, pipelining: 1, duration: DURATION, headers });
  const cpuPerRequestUs = ((cpuSeconds(pid) - cpu) / r.requests.total) * 1e6;
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r['4xx'] + r['5xx'], cpuPerRequestUs };
}

export async function run(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-target.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const t = JSON.parse(line) as Target;
  console.log(`feed ${t.path}: ${(t.bytes / 1024).toFixed(1)} KB ${t.encoding}, ${CONNECTIONS} connections, ${DURATION} s per run`);
  try {
    const cases: { name: string; goal: number; headers: Record<string, string> }[] = [
      { name: 'cached GET', goal: 0.8, headers: { 'accept-encoding': t.encoding } },
      { name: '304 If-None-Match', goal: 0.8, headers: { 'accept-encoding': t.encoding, 'if-none-match': t.etag } },
    ];
    for (const c of cases) {
      const pid = child.pid!;
      await load(t.bare, t.path, c.headers, pid); // warm-up both
      await load(t.ours, t.path, c.headers, pid);
      // Alternate runs and take the median ratio: shared machines are noisy.
      const rounds: { ratio: number; cpuRatio: number; ours: Run; bare: Run }[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const bare = await load(t.bare, t.path, c.headers, pid);
        const ours = await load(t.ours, t.path, c.headers, pid);
        rounds.push({ ratio: ours.rps / bare.rps, cpuRatio: bare.cpuPerRequestUs / ours.cpuPerRequestUs, ours, bare });
      }
      const cpuRatios = rounds.map((r) => r.cpuRatio).sort((a, b) => a - b);
      rounds.sort((a, b) => a.ratio - b.ratio);
      const { ratio, ours, bare } = rounds[Math.floor(rounds.length / 2)]!;
      console.log(
        `${c.name}: wirefeed ${Math.round(ours.rps)} req/s (p99 ${ours.p99} ms), bare node:http ${Math.round(bare.rps)} req/s (p99 ${bare.p99} ms): ` +
          `${ratio.toFixed(2)}x median of ${ROUNDS} [${rounds.map((r) => r.ratio.toFixed(2)).join(' ')}] (goal >= ${c.goal}x) ${ratio >= c.goal ? 'ok' : 'MISSED'}`,
      );
      console.log(
        `  CPU per request: wirefeed ${ours.cpuPerRequestUs.toFixed(1)} us, bare ${bare.cpuPerRequestUs.toFixed(1)} us: ` +
          `${cpuRatios[Math.floor(ROUNDS / 2)]!.toFixed(2)}x median [${cpuRatios.map((r) => r.toFixed(2)).join(' ')}]`,
      );
      if (ours.errors > 0) console.log(`  wirefeed answered ${ours.errors} requests with an unexpected status`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}
