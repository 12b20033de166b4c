// Paragraphs that belong to the page, not the story: promos ("More from X:", "Related:",
// "Follow X on Twitter", "Sign up for ... newsletter") and copyright footers. Each pattern
// asks for the promo's own shape (a colon, a network name, a newsletter), so a paragraph
// that merely begins with the same words ("Related to the strike, ...") stays.

const MAX_PROMO = 250;
const SITE = String.raw`[\p{Lu}\p{N}][\p{L}\p{N}&.'’-]*(?: (?:[\p{Lu}\p{N}&][\p{L}\p{N}&.'’-]*|of|the|and|on))*`;

const PROMOS: readonly RegExp[] = [
  new RegExp(String.raw`^More (?:from|on|at) ${SITE}\s*:`, 'u'),
  /^(?:Related|Related (?:stories|articles|coverage|content)|Read more|Read also|Also read|See also|Recommended|Most read|Watch|Listen)\s*:/i,
  /^(?:Follow|Like)\s+.{1,80}?\s+on\s+(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|LinkedIn|TikTok|Mastodon|YouTube)\b/,
  /^Sign up (?:for|to)\b.{0,160}?\b(?:newsletters?|e-?mails?|inbox|alerts|briefings?|digest)\b/i,
  /^(?:Subscribe to|Click here to|Download (?:our|the) [\w ]{1,30}app)\b/i,
  // "Updated 2 hours ago": page chrome whose date is relative to a clock we do not have.
  /^(?:(?:last\s+)?updated|published|posted)\s+(?:about\s+)?(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\.?$/i,
];

const COPYRIGHT = /^(?:copyright\s*(?:©|\(c\))?\s*\d{4}|copyright\s*(?:©|\(c\))|©|\(c\)\s*\d{4}|all rights reserved\b)/i;
const RIGHTS_RESERVED = /\ball rights reserved\.?$/i;
const MAX_COPYRIGHT = 300;

/** One anchored test turns away almost every story paragraph before the patterns run. */
const PROMO_START = /^(?:More|Related|Read|Also|See|Recommended|Most|Watch|Listen|Follow|Like|Sign|Subscribe|Click|Download|Updated|Last|Published|Posted)\b/i;

export function isPromo(paragraph: string): boolean {
  return paragraph.length <= MAX_PROMO && PROMO_START.test(paragraph) && PROMOS.some((re) => re.test(paragraph));
}

/** "Copyright 2026 Harbour Times. All rights reserved." and "© 2026 ..." footers. */
export function isCopyright(paragraph: string): boolean {
  if (paragraph.length > MAX_COPYRIGHT) return false;
  return COPYRIGHT.test(paragraph) || (paragraph.length < 150 && RIGHTS_RESERVED.test(paragraph));
}
