// The model of a story's own page (/stories/<id>): plain values built by
// build-story-page.ts, read by every view of the story (story-views.ts). Types only.
import type { Story } from '../story.js';
import type { FeedItem } from './feed-model.js';

export interface StoryPageLink {
  href: string;
  title: string;
  /** IANA media type (alternate representations). */
  type?: string;
}

/** One "Updated <date>: <what changed>" line. */
export interface StoryUpdate {
  at: Date;
  text: string;
}

export interface StoryPage {
  /** The story as stored. */
  story: Story;
  /** The story as every feed carries it: the same id, link, dates, credits and content. */
  item: FeedItem;
  /** This page. */
  pageUrl: string;
  /** The story's own URL when it has one, else this page. */
  canonicalUrl: string;
  /** The site's title (publisher in JSON-LD, og:site_name). */
  siteName: string;
  /** When wirefeed first stored the story. */
  firstSeen: Date;
  /** The feeds that carry the story's source. */
  feeds: StoryPageLink[];
  /** The story's other representations (story-views.ts), for rel="alternate". */
  alternates: StoryPageLink[];
  /** What changed since first seen, newest first (empty when unknown). */
  updates: StoryUpdate[];
}
