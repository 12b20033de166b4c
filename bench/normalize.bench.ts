// Stories normalized per second for a ~5 KB wire story (goal: >= 2,000/s on one core),
// with the bare text split (extractText) measured in the same run as the baseline.
import { readFileSync } from 'node:fs';
import { extractText } from '../src/extract/text.js';
import { parseTextStory } from '../src/normalize/parse-text-story.js';

interface Rate {
  /** Per second of this process's CPU time: "on one core", steady on a busy machine. */
  cpu: number;
  wall: number;
}

function perSecond(n: number, fn: (i: number) => void): Rate {
  for (let i = 0; i < Math.min(500, n); i++) fn(i);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(cpu0);
  return { cpu: n / ((used.user + used.system) / 1e6), wall: n / wall };
}

export async function run(): Promise<void> {
  const sample = readFileSync(new URL('../stories/2026-03-04-harbour-bridge.txt', import.meta.url), 'utf8');
  const paragraphs = sample.split('\n\n');
  let story = sample;
  while (story.length < 5 * 1024) story += `\n\n${paragraphs[3 + ((story.length / 97) | 0) % 3]}`;
  const n = 5000;
  const split = perSecond(n * 4, () => extractText(story));
  const full = perSecond(n, (i) => parseTextStory(story, { filename: `s${i}.txt` }));
  const kb = (story.length / 1024).toFixed(1);
  const show = (r: Rate) => `${Math.round(r.cpu)} stories per CPU-second (${Math.round(r.wall)}/s wall clock)`;
  console.log(`extractText (baseline): ${kb} KB story, ${show(split)}`);
  console.log(`parseTextStory: ${kb} KB story, ${show(full)}; goal >= 2000; ${(split.cpu / full.cpu).toFixed(1)}x the baseline's cost`);
}
