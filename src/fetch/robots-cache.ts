// robots.txt (RFC 9309), fetched once per origin and kept for at most 24 hours (§2.4).
import robotsParserModule from 'robots-parser';
import type { Clock } from '../clock.js';

// The package is CommonJS (`module.exports = fn`) but its types declare an ES default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

const DAY_MS = 24 * 60 * 60 * 1000;
const RETRY_UNREACHABLE_MS = 10 * 60 * 1000;

export interface RobotsRules {
  allows(url: string): boolean;
  crawlDelayMs: number | null;
}

/** What loading /robots.txt gave: its text, an HTTP status, or no answer at all. */
export type RobotsFetch = { status: number; text: string } | { status: null; text: '' };

const ALLOW_ALL: RobotsRules = { allows: () => true, crawlDelayMs: null };
const DISALLOW_ALL: RobotsRules = { allows: () => false, crawlDelayMs: null };

/** `agent` is the product token matched against User-agent lines ("wirefeed"). */
export function parseRobots(robotsUrl: string, fetched: RobotsFetch, agent: string): RobotsRules {
  const { status } = fetched;
  // §2.3.1.3: 4xx means "no rules"; §2.3.1.4: 5xx or unreachable means "disallow everything".
  if (status === null || status >= 500) return DISALLOW_ALL;
  if (status >= 400) return ALLOW_ALL;
  const robots = robotsParser(robotsUrl, fetched.text);
  const delay = robots.getCrawlDelay(agent);
  return {
    allows: (url) => robots.isAllowed(url, agent) !== false,
    crawlDelayMs: delay === undefined ? null : delay * 1000,
  };
}

export class RobotsCache {
  private readonly entries = new Map<string, { rules: Promise<RobotsRules>; expires: number }>();

  constructor(
    private readonly agent: string,
    private readonly clock: Clock,
  ) {}

  /**
   * Rules for the URL's origin; concurrent callers share one fetch. `load` throws only when
   * this caller may not reach the host at all: nothing is cached then.
   */
  rulesFor(url: URL, load: (robotsUrl: string) => Promise<RobotsFetch>): Promise<RobotsRules> {
    const now = this.clock.now().getTime();
    const cached = this.entries.get(url.origin);
    if (cached && cached.expires > now) return cached.rules;
    const robotsUrl = `${url.origin}/robots.txt`;
    const entry = { rules: Promise.resolve(ALLOW_ALL), expires: now + DAY_MS };
    entry.rules = load(robotsUrl).then(
      (fetched) => {
        if (fetched.status === null || fetched.status >= 500) entry.expires = now + RETRY_UNREACHABLE_MS;
        return parseRobots(robotsUrl, fetched, this.agent);
      },
      (err: unknown) => {
        if (this.entries.get(url.origin) === entry) this.entries.delete(url.origin);
        throw err;
      },
    );
    this.entries.set(url.origin, entry);
    return entry.rules;
  }
}
