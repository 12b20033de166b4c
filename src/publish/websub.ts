// WebSub (W3C Recommendation, §7 "Publishing"): which topic URLs a finished run changed,
// and the publish ping body for the hub. Pure; app.ts does the HTTP POST.
import type { FeedDefinition } from './feed-definitions.js';
import { feedLinks } from './feed-url.js';

/** Every feed document (every format) of the feeds that read `sourceId`: the topics to ping. */
export function changedTopics(sourceId: string, feeds: readonly FeedDefinition[], baseUrl: string): string[] {
  return feeds
    .filter((f) => f.sourceIds.includes(sourceId))
    .flatMap((f) => feedLinks(baseUrl, f.id).map((l) => l.href));
}

/** Form body of a publish ping: hub.mode=publish and one hub.url per topic (the common hub convention). */
export function websubPingBody(topics: readonly string[]): string {
  const params = new URLSearchParams([['hub.mode', 'publish']]);
  for (const topic of topics) params.append('hub.url', topic);
  return params.toString();
}
