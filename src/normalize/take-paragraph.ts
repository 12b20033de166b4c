// Files one classified paragraph into the story's parts.
import type { Credit, Dateline, StoryImage } from '../story.js';
import type { Paragraph } from './classify-paragraph.js';
import type { PhotoCredit } from './photo-credit.js';

export interface StoryParts {
  body: string[];
  dateline: Dateline | null;
  byline: string | null;
  credits: Credit[];
  /** Images with a caption (and maybe a credit) found in the text. */
  images: StoryImage[];
  /** Photo credits printed without a caption. */
  looseCredits: PhotoCredit[];
  published: string | null;
  updated: string | null;
}

/** `paragraph` is on one line (whitespace collapsed). */
export function takeParagraph(parts: StoryParts, paragraph: string, kind: Paragraph): void {
  switch (kind.kind) {
    case 'text':
      parts.body.push(paragraph);
      break;
    case 'byline':
      parts.byline ??= kind.byline;
      parts.credits.push(...kind.credits);
      break;
    case 'credits':
      parts.credits.push(...kind.credits);
      break;
    case 'photo':
      takePhoto(parts, kind.credit, kind.caption);
      break;
    case 'dates':
    case 'boilerplate':
      break;
  }
}

export function takePhoto(parts: StoryParts, credit: PhotoCredit, caption: string | null): void {
  if (credit.photographer) parts.credits.push({ name: credit.photographer, role: 'photographer' });
  if (caption) parts.images.push({ url: null, caption, credit: credit.credit });
  else parts.looseCredits.push(credit);
}
