// Dates as feeds and sitemaps write them (RFC 822, RFC 3339, W3C datetime and the usual
// breakage) -> ISO 8601 UTC, or null. Never "now": an unknown date stays unknown.

// RFC 822 zone names, numeric offsets and "Z" at the end mean the string names its zone.
const HAS_ZONE = /(?:[+-]\d{2}:?\d{2}|\b(?:GMT|UTC?|[ECMP][SD]T|Z)|\dZ)\s*$/i;
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;

/**
 * A date without a zone is read as UTC rather than in the process's local zone,
 * so that the result does not depend on where wirefeed runs.
 */
export function parseFeedDate(value: string | null | undefined): string | null {
  const s = (value ?? '').trim().replace(/\s+/g, ' ');
  if (!s) return null;
  const local = ISO_LOCAL.exec(s);
  const candidate = local ? `${local[1]}T${local[2] ?? '00:00:00'}Z` : HAS_ZONE.test(s) ? s : `${s} GMT`;
  const ms = Date.parse(candidate);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  // Two-digit-year and epoch-zero garbage ("0000-00-00", "Thu, 01 Jan 1970") is no date.
  if (year < 1980 || year > 9999) return null;
  return new Date(ms).toISOString();
}
