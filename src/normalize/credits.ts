// Credits printed in a story: bylines ("By A, B and C", "By MARTA KOVAC\nStaff Writer"),
// sign-off blocks ("(Reporting by A; Editing by B)") and "X contributed to this report".
import type { Credit, CreditRole } from '../story.js';
import { cleanName, isAffiliation, isAffiliationWord, isAgency, isPersonName } from './person-name.js';

export interface BylineMatch {
  /** As printed, lines joined with ", ". */
  byline: string;
  credits: Credit[];
}

const BY = /^[Bb][Yy]\s+(\S.*?)\.?$/u;
const GROUP_SEPARATOR = /\s*(?:,|;|\||\s[-–—]\s)\s*/;
const AND = /\s+(?:and|&)\s+/i;
const LEADING_AND = /^(?:and|&)\s+/i;
const HAS_LOWER = /\p{Ll}/u;
const MAX_BYLINE = 200;

/** A byline paragraph, or null when the paragraph is a sentence ("By Tuesday, trains ran."). */
export function parseByline(paragraph: string): BylineMatch | null {
  if (paragraph.length > MAX_BYLINE) return null;
  const lines = paragraph.split('\n').map((l) => l.trim()).filter(Boolean);
  const m = BY.exec(lines[0] ?? '');
  if (!m) return null;
  const names: string[] = [];
  const affiliations: string[] = [];
  for (const group of m[1]!.split(GROUP_SEPARATOR)) {
    for (const piece of group.replace(LEADING_AND, '').split(AND)) {
      const split = splitAffiliation(piece);
      if (!split) return null;
      if (split.name) names.push(split.name);
      if (split.affiliation) affiliations.push(split.affiliation);
    }
  }
  for (const line of lines.slice(1)) {
    if (!isAffiliation(line)) return null;
    affiliations.push(line);
  }
  const agencies = affiliations.filter(isAgency);
  if (names.length === 0 && agencies.length === 0) return null;
  const credits: Credit[] = [
    ...names.map((n) => ({ name: cleanName(n), role: 'author' as const })),
    ...agencies.map((a) => ({ name: a, role: 'agency' as const })),
  ];
  return { byline: lines.join(', '), credits };
}

/** "MARTA KOVAC Staff Writer" -> name + title; a piece that is neither fails the byline. */
function splitAffiliation(piece: string): { name?: string; affiliation?: string } | null {
  const text = piece.trim();
  if (!text) return {};
  if (isPersonName(text)) return { name: text };
  const tokens = text.split(/\s+/);
  let k = tokens.findIndex(isAffiliationWord);
  if (k >= 2) {
    // Collapsed "Dana Okafor Transport Correspondent": a title is usually two words;
    // all-caps names show the boundary themselves ("MARTA KOVAC Staff Writer").
    if (!HAS_LOWER.test(tokens.slice(0, k).join(''))) k = tokens.findIndex((t) => HAS_LOWER.test(t));
    else if (k >= 3) k -= 1;
    const name = tokens.slice(0, k).join(' ');
    const affiliation = tokens.slice(k).join(' ');
    if (isPersonName(name) && isAffiliation(affiliation)) return { name, affiliation };
  }
  return isAffiliation(text) ? { affiliation: text } : null;
}

const SIGN_OFF = /^\(?\s*((?:additional\s+)?(?:reporting|writing|editing|compiled|research|graphics)\s+by\s[^()]+?)\s*\)?\.?$/i;
const SIGN_OFF_PART = /^((?:additional\s+)?(?:reporting|writing|editing|compiled|research|graphics))\s+by\s+(.+?)\.?$/i;
const SIGN_OFF_ROLES: Record<string, CreditRole> = {
  reporting: 'author',
  writing: 'author',
  'additional reporting': 'contributor',
  research: 'contributor',
  editing: 'editor',
  compiled: 'editor',
  graphics: 'other',
};
const NAME_LIST = /\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+/i;
const IN_PLACE = /\s+in\s+[\p{Lu}][\p{L}\p{M}.'’ -]*$/u;

/** "(Reporting by A and B; Additional reporting by C; Editing by D)" -> credits. */
export function parseSignOff(paragraph: string): Credit[] | null {
  const m = SIGN_OFF.exec(paragraph.trim());
  if (!m) return null;
  const credits: Credit[] = [];
  for (const part of m[1]!.split(/\s*;\s*/)) {
    const p = SIGN_OFF_PART.exec(part);
    const role = p ? SIGN_OFF_ROLES[p[1]!.toLowerCase().replace(/\s+/g, ' ')] : undefined;
    const names = p && role ? personList(p[2]!) : null;
    if (!names) return null;
    for (const name of names) credits.push({ name, role: role! });
  }
  return credits;
}

const CONTRIBUTED =
  /^(.+?)\s+contributed\s+(?:reporting|to\s+this\s+(?:report|story|article))(?:\s+from\s+[\p{Lu}][\p{L}\p{M}.'’ ,-]*)?\.?$/u;

/** "Ana Duarte in Reykjavik contributed reporting." -> contributor credits. */
export function parseContributorLine(paragraph: string): Credit[] | null {
  const m = CONTRIBUTED.exec(paragraph.trim());
  if (!m) return null;
  // "Associated Press writers A and B contributed ...": drop the descriptor up to the title word.
  const tokens = m[1]!.split(/\s+/);
  let last = -1;
  tokens.forEach((t, i) => {
    if (isAffiliationWord(t)) last = i;
  });
  const names = personList(tokens.slice(last + 1).join(' '));
  return names ? names.map((name) => ({ name, role: 'contributor' as const })) : null;
}

/** "A, B and C in Seoul" -> cleaned names, or null unless every entry is a person. */
function personList(text: string): string[] | null {
  const names = text.split(NAME_LIST).map((n) => n.replace(IN_PLACE, '').trim());
  return names.length > 0 && names.every(isPersonName) ? names.map(cleanName) : null;
}

/** What closes a story: "— Jane Smith, Staff Writer", "Jane Smith is a staff reporter.", "Jane Smith covers transport for the Harbour Times." */
export interface StaffLine {
  /** Set for a signed line ("Jane Smith, Staff Writer"), not for a biography sentence. */
  byline: string | null;
  credits: Credit[];
}

const SIGNED = /^(?:—|–|--|-)\s*([^,]+?)\s*,\s*(.+?)\.?$/u;
const BIO_ROLE = /^(.+?)\s+(?:is|are)\s+(?:(?:a|an|the|our)\s+)?(?:[\p{L}-]+\s+){0,4}?(reporters?|writers?|correspondents?|editors?|columnists?|journalists?|producers?|photographers?|photojournalists?)\b(?:\s+(?:for|at|with|of|on|in|based|covering)\b[^.;:]{0,80})?\.?$/iu;
const BIO_COVERS = /^(.+?)\s+(?:covers|reports\s+on|writes\s+about)\s+[^.;:]{2,60}\s+for\s+(?:the\s+)?[\p{Lu}][^.;:]{1,60}\.?$/u;
const REACHED = /^(.+?)\s+(?:can\s+be\s+reached|can\s+be\s+contacted)\s+at\s+\S.{0,80}$/iu;
const MAX_STAFF_LINE = 200;
/** "X is the political editor" names the story's writer by a job title: an author, unless a photographer. */
const BIO_ROLES: Record<string, CreditRole> = { photographer: 'photographer', photojournalist: 'photographer' };

/**
 * A line that names the story's writer at its end, or null. Only the normalizer's look at
 * a story's last paragraphs asks: inside a story "Jane Smith is a reporter who ..." is news.
 */
export function parseStaffLine(paragraph: string): StaffLine | null {
  const text = paragraph.trim();
  if (text.length > MAX_STAFF_LINE) return null;
  const signed = SIGNED.exec(text);
  if (signed) {
    if (!isPersonName(signed[1]!) || !isAffiliation(signed[2]!)) return null;
    const agency: Credit[] = isAgency(signed[2]!) ? [{ name: signed[2]!.trim(), role: 'agency' }] : [];
    return { byline: `${signed[1]}, ${signed[2]}`, credits: [{ name: cleanName(signed[1]!), role: 'author' }, ...agency] };
  }
  const bio = BIO_ROLE.exec(text);
  if (bio) {
    const names = personList(bio[1]!);
    const role = BIO_ROLES[bio[2]!.toLowerCase().replace(/s$/, '')] ?? 'author';
    return names ? { byline: null, credits: names.map((name) => ({ name, role })) } : null;
  }
  const other = BIO_COVERS.exec(text) ?? REACHED.exec(text);
  const names = other ? personList(other[1]!) : null;
  return names ? { byline: null, credits: names.map((name) => ({ name, role: 'author' as const })) } : null;
}
