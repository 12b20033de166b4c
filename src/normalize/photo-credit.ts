// Photo credits: "Photo: Johan Berg/AFP", "Photograph: Feng Li", "Tony Karumba/AFP/Getty Images",
// on a line of their own or at the end of a caption. The image keeps the credit as printed;
// the photographer (first part, when it is a person) becomes a credit.
import { cleanName, isCjkName, isPersonName } from './person-name.js';

export interface PhotoCredit {
  /** As printed: "Tony Karumba/AFP/Getty Images". */
  credit: string;
  /** The person in it, in normal case: "Tony Karumba". */
  photographer: string | null;
}

/** Korean 사진, Japanese 写真, Chinese 图片/照片/摄影 label a credit as "Photo:" does. */
const LABELLED = /^\(?\s*(?:photo(?:graph)?s?|pictures?|images?|credit|사진|写真|图片|圖片|照片|摄影|攝影)(?:\s+credit)?\s*(?::|：|by\b)\s*([^()]+?)\s*\)?\.?$/i;
/** "Name/Org(/Org)": capitalized parts joined by slashes, as agencies print them. */
const SLASHED = /^[\p{Lu}][\p{L}\p{M}.'’ -]{1,50}(?:\s*\/\s*[\p{Lu}\p{N}][\p{L}\p{M}\p{N}.&'’ -]{0,40}){1,3}$/u;
const MAX_LINE = 120;
const MAX_CAPTION = 600;
const LABEL_START = /^\s*\(?\s*(?:photo|picture|image|credit|사진|写真|图片|圖片|照片|摄影|攝影)/i;
/** A caption that ends in a credit: a labelled one, or a slashed one in brackets. */
const TRAILING = /^(.*?[.!?"”'’)])\s+(\(?\s*(?:photo(?:graph)?s?|pictures?|images?|credit)\s*(?::|by\b)[^()]+\)?|\([^()]+\/[^()]+\))\.?$/iu;

/** A paragraph that is only a photo credit, or null. */
export function parsePhotoCredit(paragraph: string): PhotoCredit | null {
  if (paragraph.length > MAX_LINE * 2 || (!paragraph.includes('/') && !LABEL_START.test(paragraph))) return null;
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_LINE) return null;
  const labelled = LABELLED.exec(text);
  const credit = labelled ? labelled[1]!.trim() : SLASHED.test(text) ? text : null;
  if (!credit) return null;
  const first = credit.split('/')[0]!.trim();
  return { credit, photographer: isPersonName(first) ? cleanName(first) : isCjkName(first) ? first : null };
}

/** The person in an image credit as an extractor found it: "Feng Li", "Tony Karumba/AFP". */
export function photographerOf(credit: string): string | null {
  const first = credit.replace(/^(?:photo(?:graph)?|picture|credit)\s*(?::|by\b)\s*/i, '').split('/')[0]!.trim();
  return isPersonName(first) ? cleanName(first) : null;
}

/** A bare name printed under a caption ("Feng Li"): the photographer. */
export function parseBareCredit(paragraph: string): PhotoCredit | null {
  const text = paragraph.trim();
  return text.length <= 60 && !text.includes('\n') && isPersonName(text) ? { credit: text, photographer: cleanName(text) } : null;
}

/** "A soldier stands guard. (Photo: Feng Li/AFP)" -> caption and credit, or null. */
export function splitCaptionCredit(paragraph: string): { caption: string; credit: PhotoCredit } | null {
  const m = TRAILING.exec(paragraph.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const inner = m[2]!.replace(/^\(\s*/, '').replace(/\s*\)$/, '');
  const credit = parsePhotoCredit(m[2]!) ?? parsePhotoCredit(inner);
  return credit ? { caption: m[1]!, credit } : null;
}

/**
 * A caption that says it is one without a credit: "FILE PHOTO: ...", "Pictured: ...",
 * "In this photo taken on ...". Only read above a lead, where a caption can stand.
 */
const CAPTION_LABEL = /^(?:(?:file\s+)?(?:photo|picture|image)\s*:\s*\S|(?:pictured|above|top|below)\s*:\s*\S|in\s+(?:this|these|a)\s+(?:(?:file|undated|handout|aerial)\s+)*(?:photos?|pictures?|images?|photographs?|still\s+image|frame\s+grab)\b|(?:this|the)\s+(?:file\s+|handout\s+)?(?:photos?|pictures?|images?)\s+(?:shows?|taken|provided|released|made)\b)/i;

export function isLabelledCaption(paragraph: string): boolean {
  return paragraph.length <= MAX_CAPTION && CAPTION_LABEL.test(paragraph) && !parsePhotoCredit(paragraph);
}
