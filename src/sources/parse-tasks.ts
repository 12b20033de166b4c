// The parse tasks, declared once: the parse threads run them (parse-worker.ts), the
// Parser's methods are typed from them (parser.ts), and `parse.threads: 0` calls them
// inline. Each is CPU work of milliseconds to seconds that must stay off the event loop.
import { parseFeedItems, type FeedParseOptions } from '../extract/feed-items.js';
import { findArticleLinks, type ListingOptions } from '../extract/html-links.js';
import { parseSitemap } from '../extract/sitemap.js';
import { buildStory, type StoryInput } from '../normalize/build-story.js';
import { storiesFromPush, type PushBody } from '../normalize/push-body.js';
import type { StoryContext } from '../normalize/story-context.js';
import { outcome } from '../threads/outcome.js';

export interface StoryTask {
  input: StoryInput;
  ctx: StoryContext;
}

export const PARSE_TASKS = {
  /** Any input -> Story (buildStory). */
  story: ({ input, ctx }: StoryTask) => buildStory(input, ctx),
  /** Several inputs -> each Story or its error, in order (a feed's items). */
  stories: (tasks: StoryTask[]) => tasks.map(({ input, ctx }) => outcome(() => buildStory(input, ctx))),
  /** A listing page -> article links and the next page. */
  links: ({ html, options }: { html: string; options: ListingOptions }) => findArticleLinks(html, options),
  /** A feed document -> items. */
  feed: ({ text, options }: { text: string; options: FeedParseOptions }) => parseFeedItems(text, options),
  /** A sitemap or sitemap index. */
  sitemap: ({ xml, options }: { xml: string; options: { url: string } }) => parseSitemap(xml, options),
  /** A push request's body -> its stories, all or none. */
  push: ({ push, ctx }: { push: PushBody; ctx: StoryContext }) => storiesFromPush(push, ctx),
};

export type ParseTasks = typeof PARSE_TASKS;
export type ParseTask = keyof ParseTasks;
export interface ParseMessage {
  task: ParseTask;
  arg: unknown;
}
