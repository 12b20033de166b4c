// The dateline that opens a wire lead: "TOKYO, Japan —", "CITY (AP) —",
// "SEOUL, March 4 (Reuters) -", "Reykjahlid (AFP) -", "SPRINGFIELD, Ill. --".
import type { Credit, Dateline } from '../story.js';
import { parseCjkLead } from './cjk-wire-lead.js';
import { monthNumber } from './dates.js';
import { toNormalCase } from './normal-case.js';
import { isCountry, isRegion } from './places.js';

export interface DatelineMatch {
  dateline: Dateline;
  /** The lead without the dateline and its dash. */
  rest: string;
  /** A reporter credited inside the dateline (Korean and Chinese wire leads), and the credit as printed. */
  credits?: Credit[];
  byline?: string | null;
}

/** The first dash of the lead; a lone hyphen only with spaces around it ("SOUTH-WEST" is a word). */
const DASH = /\s*(?:—|–|--)\s*|\s+-\s+/;
const MAX_HEAD = 70;
const AGENCY = /\s*\(([\p{L}][\p{L}\p{N} .&'-]{0,30})\)$/u;
/** A place word: capitalized, or a joining particle ("Rio de Janeiro", "LONDON/PARIS"). */
const PLACE = /^(?:[\p{Lu}][\p{L}\p{M}.'’/-]*|de|da|del|do|dos|es|la|le|am|upon|sur|on)(?: (?:[\p{Lu}][\p{L}\p{M}.'’/-]*|de|da|del|do|dos|es|la|le|am|upon|sur|on))*$/u;
const NAME_PART = /^[\p{Lu}][\p{L}\p{M}.'’ -]*$/u;
const HAS_LOWER = /\p{Ll}/u;
const DATE_PART = /^(?:([A-Za-z]{3,9})\.? (\d{1,2})|(\d{1,2}) ([A-Za-z]{3,9}))$/;
const YEAR_PART = /^\d{4}$/;

/**
 * The dateline at the start of `lead`, or null. Quotes, lower-case words before the dash
 * or a mixed-case "Word —" with neither agency nor known region do not count, so a lead
 * with a dash later in a sentence keeps its text. `published` (ISO) supplies the year a
 * dateline date leaves out.
 */
export function parseDateline(lead: string, published: string | null = null): DatelineMatch | null {
  const cjk = parseCjkLead(lead, (month, day) => calendarDate(month, day, null, published));
  if (cjk) return cjk;
  const dash = DASH.exec(lead.slice(0, MAX_HEAD + 4));
  if (!dash || dash.index === 0 || dash.index > MAX_HEAD) return null;
  const rest = lead.slice(dash.index + dash[0].length);
  if (!rest.trim()) return null;
  const dateline = readDatelineText(lead.slice(0, dash.index), published);
  return dateline ? { dateline, rest } : null;
}

/** A dateline printed on its own ("SEOUL, March 4 (Reuters)", NITF's <dateline>), or null. */
export function readDatelineText(printed: string, published: string | null = null): Dateline | null {
  const text = printed.replace(/\s+/g, ' ').trim();
  const agency = AGENCY.exec(text);
  const head = agency ? text.slice(0, agency.index).trim() : text;
  const fields = readHead(head, agency !== null, published);
  if (!fields) return null;
  const { place, region, country, date } = fields;
  return { text, place, region, country, agency: agency?.[1]?.trim() ?? null, date };
}

type HeadFields = Omit<Dateline, 'text' | 'agency'>;

function readHead(head: string, hasAgency: boolean, published: string | null): HeadFields | null {
  const [place, ...parts] = head.split(/\s*,\s*/);
  if (!place || place.length < 2 || !PLACE.test(place) || parts.length > 3) return null;
  const capsPlace = !HAS_LOWER.test(place);
  const names: string[] = [];
  let date: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const d = DATE_PART.exec(part);
    if (d && date === null) {
      const year = YEAR_PART.test(parts[i + 1] ?? '') ? +parts[++i]! : null;
      date = calendarDate(monthNumber(d[1] ?? d[4]!), +(d[2] ?? d[3]!), year, published);
      if (date === null) return null;
    } else if (NAME_PART.test(part) && names.length < 2) {
      names.push(part);
    } else {
      return null;
    }
  }
  const known = names.some((n) => isRegion(n) || isCountry(n));
  // A mixed-case "Word, Word —" is too often a sentence: ask for a wire sign as well.
  if (!capsPlace && !hasAgency && !known && date === null) return null;
  const [first, second] = names;
  const regionFirst = second !== undefined || (first !== undefined && isRegion(first) && !isCountry(first));
  return {
    place: toNormalCase(place),
    region: regionFirst ? (first ?? null) : null,
    country: regionFirst ? (second ?? null) : (first ?? null),
    date,
  };
}

/**
 * "March 4" -> "2026-03-04" using the year of `published` (the nearer year around it),
 * or "--03-04" (ISO 8601 month-day) when no year is known: never an invented year.
 */
function calendarDate(month: number | null, day: number, year: number | null, published: string | null): string | null {
  if (!month || day < 1 || day > 31) return null;
  let y = year;
  if (y === null && published) {
    const pub = new Date(published);
    y = pub.getUTCFullYear();
    const monthsAhead = month - (pub.getUTCMonth() + 1);
    if (monthsAhead > 6) y -= 1;
    else if (monthsAhead < -6) y += 1;
  }
  const md = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return y === null ? `--${md}` : `${y}-${md}`;
}
