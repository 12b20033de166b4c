// The lines of a wire text that are about the story rather than part of it: an embargo
// ("EMBARGOED UNTIL 00:01 GMT, March 5, 2026"), a kill notice ("KILL: ... has been
// withdrawn"), and a correction ("CORRECTION: ...", "Corrects paragraph 3 to show ...",
// "An earlier version of this story ..."). Embargo and kill lines are taken out of the
// body (an editor's instruction, not text for readers); a correction stays in it, for
// readers, and is also kept as the note of the version it came with.
import { parseNewsDate } from './dates.js';

export interface LifecycleLines {
  /** The paragraphs without the embargo and kill lines. */
  paragraphs: string[];
  embargoUntil: string | null;
  /** The kill notice's reason, or null when the story is not killed. */
  withdrawn: string | null;
  correction: string | null;
}

const KILLED = 'killed';
/** Wire editors' instructions come first: only the head of a story is searched for them. */
const HEAD = 3;
const EMBARGO = /^\s*(?:\*+\s*)?embargo(?:ed)?\s*(?:until|till|to|:)\s*:?\s*(.+?)\s*\**\s*$/i;
// "KILL", "MANDATORY KILL", "ELIMINATION", "WITHDRAWAL": the wire words for a story to be taken down.
// In capitals as wires send them, or followed by a colon or dash ("Kill notice: ..."): never "Kill the lights".
const KILL = /^\s*(?:URGENT\s*[-:]?\s*)?(?:MANDATORY\s+)?(?:KILL(?:ED)?|ELIMINATION|ELIMINATE|WITHDRAWAL|WITHDRAWN)\b(?:\s*NOTICE)?(?:\s*[:.\-–—]+\s*(.*))?$/;
const KILL_LABEL = /^\s*(?:mandatory\s+)?(?:kill|withdrawal)(?:\s+notice)?\s*[:\-–—]\s*(.*)$/i;
// An editors' note that takes a story down ("Editors: the story headlined ... has been withdrawn");
// never a story's own sentence ("The study was withdrawn by the journal").
const KILLED_STORY = /^\s*(?:editors?|editor's\s+note|note\s+to\s+editors)\s*[:\-–—].*\b(?:killed|withdrawn|eliminated)\b/i;
const CORRECTION =
  /^\s*(?:correction\b\s*[:.\-–—]?|corrects?\s+(?:paragraph|para|graf|headline|spelling|name|dateline|byline|\d)|corrected\s*[:.\-–—]|an\s+earlier\s+version\s+of\s+this\s+(?:story|article|report))/i;

export function readLifecycleLines(paragraphs: readonly string[], zone: string): LifecycleLines {
  let embargoUntil: string | null = null;
  let withdrawn: string | null = null;
  const kept: string[] = [];
  const killLines: string[] = [];
  for (const [i, p] of paragraphs.entries()) {
    if (i < HEAD) {
      const embargo = EMBARGO.exec(p);
      const until = embargo ? embargoDate(embargo[1]!, zone) : null;
      if (until) {
        embargoUntil ??= until;
        continue;
      }
      const kill = KILL.exec(p) ?? KILL_LABEL.exec(p);
      if (kill || KILLED_STORY.test(p)) {
        // The reason: the notice's own words, else the editors' line that explains it.
        const reason = (kill ? (kill[1] ?? '') : p).replace(/\s+/g, ' ').trim();
        if (!withdrawn || (withdrawn === KILLED && reason)) withdrawn = reason || KILLED;
        killLines.push(p);
        continue;
      }
    }
    kept.push(p);
  }
  const correction = kept.find((p) => CORRECTION.test(p))?.replace(/\s+/g, ' ').trim() ?? null;
  // A bare kill notice is all the text there is: it stays, so the notice is still a story to store.
  return { paragraphs: kept.length ? kept : killLines, embargoUntil, withdrawn, correction };
}

/** "00:01 GMT, March 5, 2026" and "0001 GMT Thursday March 5, 2026": wires print the time first. */
const TIME_FIRST = /^(\d{1,2})(?::?(\d{2}))?\s*([ap]\.?m\.?)?\s+([A-Z]{1,5})\b[,\s]+(.+)$/i;

function embargoDate(text: string, zone: string): string | null {
  const value = text.replace(/[.\s]+$/, '');
  const direct = parseNewsDate(value, zone);
  if (direct) return direct;
  const m = TIME_FIRST.exec(value);
  if (!m) return null;
  const [, hour, minute = '00', meridiem = '', tz, date] = m;
  return parseNewsDate(`${date} ${hour}:${minute} ${meridiem} ${tz}`.replace(/\s+/g, ' '), zone);
}
