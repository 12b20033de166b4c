// Renders a FeedModel as RSS 2.0, Atom 1.0 or JSON Feed 1.1 with the `feed` library.
import { Feed } from 'feed';
import type { Story, StoredStory } from '../story.js';
import type { FeedFormat, FeedModel } from './feed-model.js';
import { storyContentHtml } from './story-html.js';

export function renderFeed(model: FeedModel, format: FeedFormat): string {
  const feed = new Feed({
    id: model.homeUrl,
    title: model.title,
    description: model.description,
    link: model.homeUrl,
    language: model.language,
    updated: model.updated,
    ttl: model.ttlMinutes,
    generator: 'wirefeed',
    feedLinks: model.links,
    feed: model.selfUrl,
    hub: model.hub,
  });
  for (const item of model.items) feed.addItem(feedItem(model, item));
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1();
  return feed.json1();
}

function feedItem(model: FeedModel, stored: StoredStory) {
  const s: Story = stored.story;
  const authors = s.credits.filter((c) => c.role === 'author').map((c) => ({ name: c.name }));
  return {
    title: s.title,
    id: s.url ?? `${model.homeUrl}#${s.id}`,
    guid: s.url ?? `${model.homeUrl}#${s.id}`,
    link: s.url ?? `${model.homeUrl}#${s.id}`,
    date: new Date(s.updated ?? stored.lastChanged),
    published: new Date(s.published ?? stored.firstSeen),
    description: s.summary,
    content: storyContentHtml(s),
    author: authors.length ? authors : undefined,
    category: s.categories.map((name) => ({ name })),
  };
}
