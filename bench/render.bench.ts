// Feed rendering: ms per document of 200 stories, full text (~15 KB of HTML each) and
// summaries only, per format. Baseline in the same run: the JSON Feed renderer (no XML,
// no `feed` package), so RSS and Atom read as a ratio to it on a noisy machine; and per
// 100-story feed, RSS and Atom built with `feed` against the hand-written renderers they
// replaced (bench/previous-render.ts), measured alternately in the same run.
import { readFileSync } from 'node:fs';
import { buildFeedModel, type FeedModelOptions } from '../src/publish/build-feed-model.js';
import type { FeedDefinition } from '../src/publish/feed-definitions.js';
import { FEED_FORMATS } from '../src/publish/formats.js';
import { renderFeed } from '../src/publish/render-feed.js';
import type { StoredStory } from '../src/story.js';
import { previousRenderAtom, previousRenderRss } from './previous-render.js';

interface FeedCaseInput {
  definition: FeedDefinition;
  options: Omit<FeedModelOptions, 'format'>;
  stories: StoredStory[];
}

function cpuMs(n: number, fn: () => void): number {
  for (let i = 0; i < 3; i++) fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const used = process.cpuUsage(c0);
  return (used.user + used.system) / 1000 / n;
}

export async function run(): Promise<void> {
  const input = JSON.parse(readFileSync(new URL('../test/fixtures/feeds/news-full/input.json', import.meta.url), 'utf8')) as FeedCaseInput;
  const base = input.stories[0]!;
  const html = `<p>${'The move surprised observers, who had expected a harder line &amp; more. '.repeat(10)}</p>\n`.repeat(20);
  const stories = Array.from({ length: 200 }, (_, i) => ({ ...base, story: { ...base.story, id: String(i).padStart(24, '0'), body: { text: 'x', html } } }));
  for (const [label, summaryLength] of [['full text', undefined], ['summary=200', 200]] as const) {
    const ms = new Map<string, number>();
    for (const format of FEED_FORMATS) {
      const model = buildFeedModel(input.definition, stories, { ...input.options, format, summaryLength });
      ms.set(format, cpuMs(20, () => renderFeed(model, format)));
    }
    const json = ms.get('json')!;
    console.log(`${label}: ${[...ms].map(([f, t]) => `${f} ${t.toFixed(1)} ms (${(t / json).toFixed(2)}x json)`).join(', ')}`);
  }
  const hundred = stories.slice(0, 100);
  for (const [format, previous] of [['rss', previousRenderRss], ['atom', previousRenderAtom]] as const) {
    const model = buildFeedModel(input.definition, hundred, { ...input.options, format });
    // Alternated rounds, median ratio: the machine's load moves between measurements.
    const rounds = Array.from({ length: 5 }, () => {
      const withFeed = cpuMs(10, () => renderFeed(model, format));
      const before = cpuMs(10, () => previous(model));
      return { withFeed, before, ratio: withFeed / before };
    }).sort((a, b) => a.ratio - b.ratio);
    const mid = rounds[2]!;
    console.log(
      `100 stories, full text, ${format}: with feed ${mid.withFeed.toFixed(1)} ms, previous hand-written renderer ${mid.before.toFixed(1)} ms: ` +
        `${mid.ratio.toFixed(2)}x median of 5 [${rounds.map((r) => r.ratio.toFixed(2)).join(' ')}]`,
    );
  }
}
