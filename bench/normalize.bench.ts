// Stories normalized per second for a ~5 KB wire story (goal: >= 2,000/s on one core).
import { readFileSync } from 'node:fs';
import { parseTextStory } from '../src/normalize/parse-text-story.js';

export async function run(): Promise<void> {
  const sample = readFileSync(new URL('../stories/2026-03-04-harbour-bridge.txt', import.meta.url), 'utf8');
  const paragraphs = sample.split('\n\n');
  let story = sample;
  while (story.length < 5 * 1024) story += `\n\n${paragraphs[3 + ((story.length / 97) | 0) % 3]}`;
  const n = 5000;
  for (let i = 0; i < 500; i++) parseTextStory(story, { filename: `w${i}.txt` });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) parseTextStory(story, { filename: `s${i}.txt` });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`parseTextStory: ${(story.length / 1024).toFixed(1)} KB story, ${Math.round(n / secs)} stories/s (goal >= 2000)`);
}
