// What plain wire text prints between its title and its dateline lead: photo captions,
// each maybe followed by a credit line or the photographer's bare name, and bylines.
import type { StoryImage } from '../story.js';
import type { Paragraph } from './classify-paragraph.js';
import { parseBareCredit } from './photo-credit.js';
import { takeParagraph, takePhoto, type StoryParts } from './take-paragraph.js';

/** `paragraphs` are on one line each. */
export function readFrontMatter(paragraphs: readonly string[], kinds: readonly Paragraph[], parts: StoryParts): void {
  /** The last caption still waiting for its credit line. */
  let open: StoryImage | null = null;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const kind = kinds[i]!;
    if (kind.kind === 'photo' && kind.caption === null && open) {
      open.credit = kind.credit.credit;
      if (kind.credit.photographer) parts.credits.push({ name: kind.credit.photographer, role: 'photographer' });
      open = null;
    } else if (kind.kind === 'text') {
      open = readFrontText(p, open, parts);
    } else if (kind.kind === 'photo') {
      takePhoto(parts, kind.credit, kind.caption);
      open = null;
    } else {
      takeParagraph(parts, p, kind);
    }
  }
}

/** A text paragraph above the lead: a photographer's name, or a caption. */
function readFrontText(p: string, open: StoryImage | null, parts: StoryParts): StoryImage | null {
  const bare = parseBareCredit(p);
  if (bare && open) {
    open.credit = bare.credit;
    parts.credits.push({ name: bare.photographer!, role: 'photographer' });
    return null;
  }
  if (bare) {
    // A name alone above the lead with no caption to belong to: the reporter's.
    parts.byline ??= p;
    parts.credits.push({ name: bare.photographer!, role: 'author' });
    return null;
  }
  const image: StoryImage = { url: null, caption: p, credit: null };
  parts.images.push(image);
  return image;
}
