// News dates as printed ("Published January 21, 2026 at 6:45 a.m. GMT", "Updated: Jan. 21,
// 2026 8:10 PM ET", ISO 8601, RFC 2822, NITF's "20260121T064500Z") -> ISO 8601 UTC.
// Hand-written rather than chrono-node: we accept only absolute dates, and a parser that
// resolves "yesterday" against the clock would invent dates (docs/story.md forbids that).

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

/**
 * Zone abbreviations: a fixed offset in minutes, or an IANA zone where the abbreviation
 * spans daylight saving ("ET"). Ambiguous ones follow English-language newsroom use:
 * CST is US Central, IST is India.
 */
const ZONES: Record<string, number | string> = {
  GMT: 0, UTC: 0, UT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, IST: 330, CET: 60, CEST: 120, EET: 120, EEST: 180,
  MSK: 180, EAT: 180, WAT: 60, CAT: 120, SAST: 120, GST: 240, PKT: 300, ICT: 420, WIB: 420, HKT: 480,
  SGT: 480, PHT: 480, AWST: 480, KST: 540, JST: 540, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  ET: 'America/New_York', EST: -300, EDT: -240, CT: 'America/Chicago', CST: -360, CDT: -300,
  MT: 'America/Denver', MST: -420, MDT: -360, PT: 'America/Los_Angeles', PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, BRT: -180, ART: -180,
};

const PREFIX = /^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on)?\s*:?\s*)/i;
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(?=$|[Z+-])/;
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/;
const TIME_SEPARATOR = /^\s*(?:,|at|-|–|·|\|)?\s*/i;
const TIME = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(?:([ap])\.?\s?m\b\.?)?/i;
const ZONE = /^\(?(?:([A-Z]{1,5})\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?|([+-])(\d{2}):?(\d{2}))\)?$/;

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

export function monthNumber(word: string): number | null {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')] ?? null;
}

/**
 * An absolute date as printed -> ISO 8601 UTC, or null when the text is not a complete
 * date. Without a zone in the text, the time is local to `defaultZone` (an IANA zone).
 */
export function parseNewsDate(text: string, defaultZone = 'UTC'): string | null {
  const clean = text.trim().replace(PREFIX, '').replace(WEEKDAY, '');
  const date = readDate(clean);
  if (!date) return null;
  let rest = date.rest;
  const parts = date.parts;
  if (!date.hasTime && rest) {
    const time = readTime(rest.replace(TIME_SEPARATOR, ''));
    if (time) {
      Object.assign(parts, time.hm);
      rest = time.rest;
    }
  }
  const zone = rest ? readZone(rest) : null;
  if (rest && zone === null) return null;
  if (!isValid(parts)) return null;
  const local = Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s, parts.ms);
  const utc = typeof zone === 'number' ? local - zone * 60_000 : zonedToUtc(local, zone ?? defaultZone);
  return utc === null ? null : new Date(utc).toISOString();
}

function readDate(text: string): { parts: Parts; rest: string; hasTime: boolean } | null {
  const iso = ISO.exec(text) ?? ISO_BASIC.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac] = iso;
    const parts = { y: +y!, mo: +mo!, d: +d!, h: +(h ?? 0), mi: +(mi ?? 0), s: +(s ?? 0), ms: +(frac ?? '0').padEnd(3, '0').slice(0, 3) };
    return { parts, rest: text.slice(iso[0].length).trim(), hasTime: h !== undefined };
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  const dmy = mdy ? null : DAY_MONTH_YEAR.exec(text);
  const m = mdy ?? dmy;
  if (!m) return null;
  const mo = monthNumber(mdy ? m[1]! : m[2]!);
  if (!mo) return null;
  const d = +(mdy ? m[2]! : m[1]!);
  return { parts: { y: +m[3]!, mo, d, h: 0, mi: 0, s: 0, ms: 0 }, rest: text.slice(m[0].length).trim(), hasTime: false };
}

function readTime(text: string): { hm: Pick<Parts, 'h' | 'mi' | 's'>; rest: string } | null {
  const m = TIME.exec(text);
  // A bare number is no time: "6:45", "6 p.m." or "18:45:00" are.
  if (!m || (m[2] === undefined && m[4] === undefined)) return null;
  let h = +m[1]!;
  const meridiem = m[4]?.toLowerCase();
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (meridiem === 'p' ? 12 : 0);
  }
  return { hm: { h, mi: +(m[2] ?? 0), s: +(m[3] ?? 0) }, rest: text.slice(m[0].length).trim() };
}

/** Offset in minutes, an IANA zone name, or null when `text` is not a zone. */
function readZone(text: string): number | string | null {
  const m = ZONE.exec(text.trim());
  if (!m) return null;
  if (m[5]) return (m[5] === '-' ? -1 : 1) * (+m[6]! * 60 + +m[7]!);
  const base = ZONES[m[1]!];
  if (base === undefined) return null;
  if (!m[2]) return base;
  // "GMT+2", "UTC-05:00": an offset from UTC only.
  if (base !== 0) return null;
  return (m[2] === '-' ? -1 : 1) * (+m[3]! * 60 + +(m[4] ?? 0));
}

function isValid(p: Parts): boolean {
  const day = new Date(Date.UTC(p.y, p.mo - 1, p.d));
  return day.getUTCMonth() === p.mo - 1 && day.getUTCDate() === p.d && p.h < 24 && p.mi < 60 && p.s < 61;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time `local` (as if UTC) in `zone` -> UTC milliseconds; null for an unknown zone. */
function zonedToUtc(local: number, zone: string): number | null {
  const first = zoneOffset(local, zone);
  if (first === null) return null;
  // Re-check at the result: near a DST change the offset at `local` may differ.
  const second = zoneOffset(local - first, zone);
  return local - (second ?? first);
}

function zoneOffset(utc: number, zone: string): number | null {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      return null;
    }
    formatters.set(zone, f);
  }
  const v: Record<string, number> = {};
  for (const part of f.formatToParts(utc)) if (part.type !== 'literal') v[part.type] = +part.value;
  const asUtc = Date.UTC(v.year!, v.month! - 1, v.day!, v.hour!, v.minute!, v.second!);
  return asUtc - Math.floor(utc / 1000) * 1000;
}

export interface StoryDates {
  published?: string;
  updated?: string;
}

const DATE_LINE_LABEL = /^(?:(first\s+)?published|posted|(?:last\s+)?(updated|modified))(?:\s+on)?\s*:?\s*/i;
const DATE_LINE_SEPARATOR = /\s*[|·•]\s*|\s+(?=(?:last\s+)?updated\b)/i;
const MAX_DATE_LINE = 160;

/**
 * "Published January 21, 2026 at 6:45 a.m. GMT | Updated: ..." -> the dates, or null
 * when the paragraph is anything more than labelled dates.
 */
export function parseDateLine(paragraph: string, zone: string): StoryDates | null {
  if (paragraph.length > MAX_DATE_LINE) return null;
  const out: StoryDates = {};
  for (const segment of paragraph.trim().split(DATE_LINE_SEPARATOR)) {
    const label = DATE_LINE_LABEL.exec(segment);
    const iso = label ? parseNewsDate(segment.slice(label[0].length), zone) : null;
    if (!label || !iso) return null;
    out[label[2] ? 'updated' : 'published'] = iso;
  }
  return out;
}
