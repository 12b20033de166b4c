// Wire copy prints datelines and bylines in capitals ("RIO DE JANEIRO", "MARTA KOVAC");
// the Story carries them in normal case. Mixed-case words are left as printed.

/** Lower-case joining words inside a place or person name ("Rio de Janeiro", "Dar es Salaam"). */
const PARTICLES = new Set(['de', 'da', 'das', 'do', 'dos', 'del', 'della', 'der', 'den', 'di', 'du', 'es', 'la', 'le', 'van', 'von', 'y', 'bin', 'al', 'el', 'of', 'on', 'upon']);
const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER = /\p{Lu}/u;
const WORD = /[\p{L}\p{M}]+/gu;

/** "NEW YORK" -> "New York", "ST. LOUIS" -> "St. Louis", "O'BRIEN" -> "O'Brien"; "McNeil" stays. */
export function toNormalCase(text: string): string {
  return text
    .split(' ')
    .map((token, i) => normalToken(token, i === 0))
    .join(' ');
}

function normalToken(token: string, first: boolean): string {
  // Only all-caps tokens are re-cased: "MacLeod" or "Reykjahlid" are already as intended.
  if (HAS_LOWER.test(token) || !HAS_UPPER.test(token)) return token;
  const lower = token.toLowerCase();
  if (!first && PARTICLES.has(lower)) return lower;
  const cased = lower.replace(WORD, (w) => w.charAt(0).toUpperCase() + w.slice(1));
  // "MCDONALD" -> "McDonald". Not "Mac": "MACRON" is Macron.
  return cased.replace(/^Mc(\p{Ll})/u, (_m, c: string) => `Mc${c.toUpperCase()}`);
}
