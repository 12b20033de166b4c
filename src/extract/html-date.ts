// A date as found in a page -> ISO 8601 UTC, or null. Never invented.

/** ISO date-times without a zone are read as UTC, so results do not depend on the host's zone. */
export function parsePageDate(value: string | null | undefined): string | null {
  if (!value) return null;
  let s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{4}$/.test(s)) s = s.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  else if (/^\d{10}(?:\d{3})?$/.test(s)) return new Date(Number(s) * (s.length === 10 ? 1000 : 1)).toISOString();
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const year = new Date(t).getUTCFullYear();
  return year >= 1990 && year <= 2200 ? new Date(t).toISOString() : null;
}
