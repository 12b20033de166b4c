// What one paragraph is: story text, or something the Story carries elsewhere
// (byline, credits, photo credit, dates) or drops (promos, copyright footers).
import type { Credit } from '../story.js';
import { isCopyright, isPromo } from './boilerplate.js';
import { parseByline, parseContributorLine, parseSignOff } from './credits.js';
import { parseDateLine, parseNewsDate, type StoryDates } from './dates.js';
import { parseReporterLine } from './reporter-line.js';
import { parsePhotoCredit, splitCaptionCredit, type PhotoCredit } from './photo-credit.js';

export type Paragraph =
  | { kind: 'text' }
  | { kind: 'byline'; byline: string; credits: Credit[] }
  | { kind: 'credits'; credits: Credit[] }
  | { kind: 'photo'; credit: PhotoCredit; caption: string | null }
  | { kind: 'dates'; dates: StoryDates }
  | { kind: 'boilerplate' };

const TEXT: Paragraph = { kind: 'text' };
const BOILERPLATE: Paragraph = { kind: 'boilerplate' };
/** Cheap first-character gates keep the common case (a story sentence) to a few tests. */
const MAY_BE_BYLINE = /^[Bb][Yy]\s/;
const MAY_BE_SIGN_OFF = /^\(?\s*(?:additional|reporting|writing|editing|compiled|research|graphics)\b/i;
const MAY_BE_DATES = /^(?:first|last|published|posted|updated|modified)\b/i;
const CONTRIBUTED = /\bcontributed\b/;
const MAY_BE_BARE_DATE = /^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s)/i;
const MAX_BARE_DATE = 60;
const CREDIT_WORD = /photo|picture|image|credit/i;
const SHORT = 250;
const CREDIT_TAIL = 140;
const MAX_CAPTION = 600;

/**
 * `line` is the paragraph on one line; `paragraph` keeps its line breaks, which only
 * a byline needs ("By MARTA KOVAC" over "Staff Writer").
 */
export function classifyParagraph(paragraph: string, line: string, zone: string): Paragraph {
  if (isPromo(line) || isCopyright(line)) return BOILERPLATE;
  if (MAY_BE_BYLINE.test(line)) {
    const byline = parseByline(paragraph.trim());
    if (byline) return { kind: 'byline', ...byline };
  }
  if (line.length > MAX_CAPTION) return TEXT;
  if (line.length > SHORT) return captionedOrText(line);
  if (MAY_BE_SIGN_OFF.test(line)) {
    const credits = parseSignOff(line);
    if (credits) return { kind: 'credits', credits };
  }
  if (CONTRIBUTED.test(line)) {
    const credits = parseContributorLine(line);
    if (credits) return { kind: 'credits', credits };
  }
  if (MAY_BE_DATES.test(line)) {
    const dates = parseDateLine(line, zone);
    if (dates) return { kind: 'dates', dates };
  }
  if (line.length <= MAX_BARE_DATE && MAY_BE_BARE_DATE.test(line)) {
    // A date on a line of its own ("March 4, 2026") is the story's publication date.
    const published = parseNewsDate(line, zone);
    if (published) return { kind: 'dates', dates: { published } };
  }
  const reporter = parseReporterLine(line);
  if (reporter) return reporter.byline ? { kind: 'byline', byline: reporter.byline, credits: reporter.credits } : { kind: 'credits', credits: reporter.credits };
  const credit = parsePhotoCredit(line);
  if (credit) return { kind: 'photo', credit, caption: null };
  return captionedOrText(line);
}

function captionedOrText(line: string): Paragraph {
  // A trailing credit is short: look at the end only, not through a long caption.
  const tail = line.length > CREDIT_TAIL ? line.slice(-CREDIT_TAIL) : line;
  if (!tail.endsWith(')') && !tail.endsWith(').') && !CREDIT_WORD.test(tail)) return TEXT;
  const captioned = splitCaptionCredit(line);
  return captioned ? { kind: 'photo', credit: captioned.credit, caption: captioned.caption } : TEXT;
}
