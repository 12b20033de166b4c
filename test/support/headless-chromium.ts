// Debian's chromium driven by playwright-core, for the pages tested in a real browser.
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// No sandbox: tests run as root in CI. The rest keeps the browser from reaching the network
// on its own (updates, sync, QUIC probes), so a page test sees only what the page asks for.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or false when they can. */
export function chromiumMissing(): string | false {
  return !existsSync(CHROMIUM) && `${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`;
}

/** A headless browser with its own profile in `profileDir`. */
export function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: FLAGS });
}
