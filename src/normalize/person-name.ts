// Is a piece of a byline or credit line a person's name, a job title, or a news agency?
import { toNormalCase } from './normal-case.js';

/** Agencies that appear as a byline affiliation or as a byline on their own. */
const AGENCIES = new Set(
  [
    'Associated Press', 'The Associated Press', 'AP', 'Reuters', 'Thomson Reuters', 'AFP', 'Agence France-Presse',
    'Bloomberg', 'Bloomberg News', 'dpa', 'Kyodo', 'Kyodo News', 'Yonhap', 'Xinhua', 'PA', 'PA Media',
    'Press Association', 'UPI', 'EFE', 'ANSA', 'AAP', 'Canadian Press', 'The Canadian Press', 'Anadolu', 'TASS',
  ].map((a) => a.toLowerCase()),
);

/** Words that mark a job title or an organisation rather than a name ("Staff Writer", "Harbour Times"). */
const AFFILIATION_WORDS = new Set(
  `writer writers reporter reporters correspondent correspondents editor editors columnist contributor staff
  bureau chief critic photographer photographers producer analyst desk associated press news times post herald
  journal tribune agency wire service magazine media daily weekly gazette chronicle telegraph guardian observer
  review pictures images photos photography network radio television tv`.split(/\s+/),
);

/** Capitalized words that begin sentences or dates, never names ("By Tuesday, ..."). */
const NOT_NAME_WORDS = new Set(
  `the a an this that these those then there their his her its our my your monday tuesday wednesday thursday
  friday saturday sunday january february march april may june july august september october november december
  christmas easter noon midnight dawn dusk police officials some many most all after before during`.split(/\s+/),
);

const NAME_TOKEN = /^(?:[\p{Lu}][\p{L}\p{M}'’-]*\.?|(?:[\p{Lu}]\.)+|de|da|van|von|der|den|la|le|bin|ibn|al|el|di|du|dos|y)$/u;
const CAPITALIZED = /^[\p{Lu}\p{N}&]/u;
const JOINERS = new Set(['of', 'the', 'and', 'for', 'in', 'on', '&']);
const TRAILING_DOT = /(\S{3,})\.$/u;

export function isAgency(text: string): boolean {
  return AGENCIES.has(text.trim().toLowerCase());
}

/** A person's name: two to five name-shaped words, none of them a title, month or article. */
export function isPersonName(text: string): boolean {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length < 2 || tokens.length > 5) return false;
  if (!CAPITALIZED.test(tokens[0]!) || !CAPITALIZED.test(tokens[tokens.length - 1]!)) return false;
  // "A." is an initial, not the article: the stop list sees the token with its dot.
  return tokens.every((t) => NAME_TOKEN.test(t) && !NOT_NAME_WORDS.has(t.toLowerCase()) && !AFFILIATION_WORDS.has(bare(t)));
}

/** A job title or organisation: capitalized words, one of them an affiliation word, or a known agency. */
export function isAffiliation(text: string): boolean {
  const t = text.trim();
  if (isAgency(t)) return true;
  const tokens = t.split(/\s+/);
  if (tokens.length > 6) return false;
  return (
    tokens.every((w) => CAPITALIZED.test(w) || JOINERS.has(w.toLowerCase())) && tokens.some((w) => AFFILIATION_WORDS.has(bare(w)))
  );
}

export function isAffiliationWord(token: string): boolean {
  return AFFILIATION_WORDS.has(bare(token));
}

/** A name as printed -> the Story's form: normal case, final full stop dropped ("Jr." stays). */
export function cleanName(text: string): string {
  return toNormalCase(text.replace(/\s+/g, ' ').trim().replace(TRAILING_DOT, '$1'));
}

function bare(token: string): string {
  return token.toLowerCase().replace(/[.,'’]+$/u, '');
}

/** A Korean, Chinese or Japanese personal name as credits print it: 2-4 Hangul, or 2-6 Han/kana characters. */
const CJK_NAME = /^(?:\p{Script=Hangul}{2,4}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{2,6})$/u;

export function isCjkName(text: string): boolean {
  return CJK_NAME.test(text);
}
