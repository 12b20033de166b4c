// npm run bench -- soak: the full retention soak, 50 sources every 15 minutes for 60
// simulated days (288,000 runs through runSource from a loopback site, on an injected
// clock), stories kept 21 days and runs 14 (short enough to level off inside 60 days;
// the defaults are 180 and 30). Prints rows and bytes per simulated week; the run fails
// if any feed ever lost a story inside its window. SOAK_SOURCES, SOAK_DAYS, SOAK_STORY_DAYS
// and SOAK_RUN_DAYS scale it.
import { soak } from '../test/support/soak.js';

export async function run(): Promise<void> {
  const sources = Number(process.env.SOAK_SOURCES ?? 50);
  const days = Number(process.env.SOAK_DAYS ?? 60);
  const storyDays = Number(process.env.SOAK_STORY_DAYS ?? 21);
  const runDays = Number(process.env.SOAK_RUN_DAYS ?? 14);
  console.log(`${sources} sources, ${days} days, every 15 minutes; stories ${storyDays} days, runs ${runDays} days`);
  console.log('day  runs      stories  runs_rows  validators  health_ev  file_MiB  free_MiB  pruned(stories/runs)  wall_s');
  const mib = (n: number) => (n / 1048576).toFixed(1).padStart(8);
  await soak({
    sources,
    days,
    storyDays,
    runDays,
    onWeek: (w) =>
      console.log(
        `${String(w.day).padStart(3)}  ${String(w.runs).padStart(7)}  ${String(w.rows.stories).padStart(8)}  ${String(w.rows.runs).padStart(9)}  ${String(w.rows.http_validators).padStart(10)}  ${String(w.rows.health_events).padStart(9)}  ${mib(w.bytes)}  ${mib(w.freeBytes)}  ${`${w.pruned.stories}/${w.pruned.runs}`.padStart(20)}  ${w.seconds.toFixed(0).padStart(6)}`,
      ),
  });
  console.log('every feed window checked after each hourly prune pass: none lost a story');
}
