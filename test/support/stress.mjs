// npm run test:stress [-- RUNS] [--no-load] [TEST_FILE...]
// Runs the whole suite (npm test) RUNS times (default 5) in a row while one busy process
// per core keeps every core loaded, as on a shared CI machine; then prints each run's time
// and result. Timing-dependent tests that only pass on a quiet machine show up here.
// With --no-load the same runs go on a quiet machine, for comparison; with test files,
// only those run (npx mocha FILE...), e.g. to stress one flaky test.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const load = !args.includes('--no-load');
const files = args.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a));
const command = files.length ? ['npx', ['mocha', ...files]] : ['npm', ['test']];

const busy = load
  ? Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
  : [];
const stopLoad = () => {
  for (const child of busy) if (child.exitCode === null) child.kill('SIGKILL');
};
process.on('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

function runSuite() {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command[0], command[1], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve({ ms: Date.now() - started, ok: code === 0, code: code ?? signal }));
  });
}

console.log(`test:stress: ${runs} run(s) of ${command.flat().join(' ')}, ${load ? `${busy.length} busy process(es) loading every core` : 'no load'}`);
const results = [];
for (let i = 1; i <= runs; i++) {
  const r = await runSuite();
  results.push(r);
  console.log(`test:stress: run ${i}/${runs} ${r.ok ? 'passed' : `FAILED (exit ${r.code})`} in ${(r.ms / 1000).toFixed(1)} s`);
}
stopLoad();
console.log(`\ntest:stress summary (${load ? `${busy.length} cores loaded` : 'no load'}):`);
results.forEach((r, i) => console.log(`  run ${i + 1}: ${r.ok ? 'passed' : `FAILED (exit ${r.code})`}  ${(r.ms / 1000).toFixed(1)} s`));
const failed = results.filter((r) => !r.ok).length;
console.log(failed ? `  ${failed} of ${runs} run(s) failed` : `  all ${runs} run(s) passed`);
process.exitCode = failed ? 1 : 0;
