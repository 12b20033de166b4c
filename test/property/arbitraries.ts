// Shared fast-check inputs: any Unicode (lone surrogates, controls, noncharacters, NEL)
// salted with the characters that break markup.
import fc from 'fast-check';

export const SEED = 20260305;

const nasty = fc.constantFrom('<', '>', '&', ']]>', '"', "'", '\u0000', '\u0007', '\u001b', '\ud800', '\udfff', '\ufffe', '\uffff', '\u0085', '\u2028', '\r\n', '\n\n', '\t', '&amp;', '&#0;', '&#x1;', '<![CDATA[', '-->', '\u202e', '😀', '𝒳');

/** Any string: arbitrary code points mixed with the troublemakers. */
export const anyText = (maxLength = 80) =>
  fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), nasty, fc.string({ maxLength: 8 })), { maxLength: Math.ceil(maxLength / 4) }).map((parts) => parts.join(''));

/** Text with at least one letter somewhere, so that stories have a title and a body. */
export const wordyText = (maxLength = 80) => fc.tuple(anyText(maxLength), fc.constantFrom('Harbour', 'Élan', '東京', 'Ünïcödé', 'word')).map(([t, w]) => `${w} ${t}`);
