// A link as the identity of a story: absolute, without fragment or tracking parameters.

// Campaign and click-tracking parameters that feeds append per channel; they never
// change which article a link names.
const TRACKING = /^(?:utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/i;

/** `href` resolved against `base`; null when absent or not http(s). */
export function canonicalLink(href: string | null | undefined, base: string): string | null {
  const value = href?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  // Only touch the query when there is something to drop: URLSearchParams re-encodes it.
  const tracking = [...url.searchParams.keys()].filter((name) => TRACKING.test(name));
  for (const name of tracking) url.searchParams.delete(name);
  return url.href;
}
