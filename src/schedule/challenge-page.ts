// Bot walls answer 200 (or 403/503) with a page that asks the visitor to prove it is
// human. Parsed as an article it would be an empty story; as a listing, no links. These
// markers are what the common walls put in every such page.
const MARKERS: readonly [RegExp, string][] = [
  [/<title>\s*just a moment\.{3}\s*<\/title>/i, 'a "Just a moment..." interstitial'],
  [/cf-(?:browser-verification|challenge|chl-)|challenges\.cloudflare\.com/i, 'a Cloudflare challenge'],
  [/class=["'][^"']*\b(?:g-recaptcha|h-captcha|cf-turnstile)\b|(?:google\.com\/recaptcha|hcaptcha\.com)\//i, 'a captcha'],
  // The wall's own title, not an article about walls: it starts with the phrase and is short.
  [/<title>\s*(?:attention required|access denied|are you a robot|captcha|security check)[^<]{0,40}<\/title>/i, 'a bot-check page'],
  [/\b(?:verify (?:that )?you are (?:a )?human|checking your browser before accessing|enable javascript and cookies to continue)\b/i, 'a human-verification prompt'],
];

/** Only the start of a page: walls are small, and a long article quoting "captcha" is not one. */
const HEAD_CHARS = 16_384;

/** What marks `text` as a challenge page, or null. */
export function challengeMarker(text: string, headers: Record<string, string>): string | null {
  if (headers['cf-mitigated'] === 'challenge') return 'a Cloudflare challenge';
  if (!text) return null;
  const head = text.slice(0, HEAD_CHARS);
  for (const [pattern, marker] of MARKERS) if (pattern.test(head)) return marker;
  return null;
}
