// A story's identity and its page, both ways: the id every format gives it (one IRI for
// RSS guid, Atom id and JSON Feed id) and /stories/<id>, its own readable page.

/** Story ids are 24 hex characters (docs/story.md); `.ext` is another representation of the page. */
const STORY_PATH = /^\/stories\/([0-9a-f]{24})(?:\.([a-z0-9]{1,16}))?$/;

export function storyPageUrl(baseUrl: string, storyId: string, extension?: string): string {
  return `${baseUrl.replace(/\/$/, '')}/stories/${storyId}${extension ? `.${extension}` : ''}`;
}

export interface StoryPath {
  id: string;
  /** Undefined for the HTML page itself. */
  extension?: string;
}

/** A URL path (no query string) of a story page, or null when it is none. */
export function matchStoryPath(path: string): StoryPath | null {
  const match = STORY_PATH.exec(path);
  if (!match) return null;
  return match[2] === undefined ? { id: match[1]! } : { id: match[1]!, extension: match[2] };
}

/**
 * RFC 4151 tag URI: host of the public base URL, the day we first saw the story (we
 * certainly held the name then) and the story id. The one id of a story in every format
 * and every feed (docs/design.md, "Story identity"): neither the story's URL, which an
 * edit may change, nor anything an update touches is part of it.
 */
export function storyTagUri(baseUrl: string, firstSeen: string, storyId: string): string {
  return `tag:${new URL(baseUrl).hostname},${firstSeen.slice(0, 10)}:story/${storyId}`;
}

/** Where a reader goes: the story's own (canonical) URL, else its page here. */
export function storyLink(baseUrl: string, story: { id: string; url: string | null }): string {
  return story.url ?? storyPageUrl(baseUrl, story.id);
}
