// The neutral feed model every renderer reads (jpmonette/feed style): plain values, built
// by build-feed-model.ts. Types only, and nothing format-specific: the renderers import
// this module and the formats registry imports the renderers, so it must not name a format.
import type { Credit, Dateline, Story, StoryImage } from '../story.js';

export interface FeedItem {
  /**
   * The story's one id (RFC 4151 tag URI, story-url.ts): RSS guid, Atom id and JSON Feed
   * id, the same in its source feed and every combined feed, unchanged by updates.
   */
  id: string;
  /** The story's own URL (canonical), else its page here (/stories/<id>). */
  link: string;
  title: string;
  summary: string;
  /** Full HTML with the dateline and figures; null when only a summary is wanted. */
  contentHtml: string | null;
  published: Date;
  /** Where `published` came from: the story itself, or when we first saw it (never invented). */
  publishedSource: 'story' | 'first-seen';
  updated: Date;
  authors: string[];
  /** Every credit that is not an author (photographer, editor, agency, ...). */
  contributors: Credit[];
  credits: Credit[];
  categories: string[];
  images: StoryImage[];
  dateline: Dateline | null;
  language: string | null;
  /** The story itself, for formats that carry more than a feed entry (IPTC ninjs): absent in hand-made models. */
  story?: Story;
  /** When wirefeed first stored the story. */
  firstSeen?: Date;
}

/** One document of this feed, in one format of the registry (formats.ts). */
export interface FeedLink {
  /** The format's id ("rss"). */
  format: string;
  /** IANA media type, without parameters: link `type` attributes. */
  mediaType: string;
  href: string;
}

export interface FeedModel {
  id: string;
  title: string;
  description: string;
  language: string;
  /** The HTML preview page of this feed. */
  homeUrl: string;
  /** This very document, with its normalized query string. */
  selfUrl: string;
  /** The format this model is rendered to, and its link (without the query string). */
  self: FeedLink;
  /** This feed in every format, in registry order (this document's format included). */
  links: readonly FeedLink[];
  hub?: string;
  /** RFC 5005 next page (older stories), when there is one. */
  nextUrl?: string;
  /** Newest story change: lastBuildDate, Atom feed updated, Last-Modified. */
  updated: Date;
  ttlMinutes: number;
  items: FeedItem[];
  /**
   * Withdrawn stories that would still be in this page of the feed: RSS and JSON Feed
   * leave them out, Atom carries an RFC 6721 tombstone for each, ninjs a canceled item.
   */
  withdrawn?: WithdrawnItem[];
}

/** A withdrawn story where the feed would otherwise list it. */
export interface WithdrawnItem {
  item: FeedItem;
  /** When the store first held it withdrawn. */
  at: Date;
  reason: string;
}
