// Run errors as the public sees them on /status and /api/sources: what went wrong, not
// where. An error may name an inside address ("10.0.0.7 is not a public address"), a
// folder, or a host the source redirected or linked to; the admin token sees it whole.
import ipaddr from 'ipaddr.js';

/** A URL, a bracketed or bare IP address (with a port), a Windows or POSIX path, a host name: one token at a time. */
const TOKEN = new RegExp(
  [
    String.raw`(?<url>\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+)`,
    String.raw`(?<ip>\[[0-9a-f:.%]+\](?::\d+)?|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b|(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?![\w:]))`,
    String.raw`(?<path>\b[a-z]:\\[^\s"'<>]*|(?<![\w.:/~-])~?\/[^\s"'<>:,;)]+)`,
    String.raw`(?<host>\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}\b\.?)`,
  ].join('|'),
  'gi',
);

// Last labels that make a dotted word a file name (robots.txt, feed.xml), not a host.
const FILE_EXTENSIONS = new Set(['txt', 'html', 'htm', 'xml', 'json', 'yaml', 'yml', 'rss', 'atom', 'php', 'asp', 'aspx', 'jsp', 'js', 'mjs', 'ts', 'md', 'csv', 'nitf', 'gz', 'zip', 'pdf', 'jpg', 'jpeg', 'png', 'gif', 'svg', 'webp']);

/** The host names a source's config names (its URL): errors may keep these. */
export function ownHosts(source: object): Set<string> {
  const hosts = new Set<string>();
  for (const value of Object.values(source)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text !== 'string' || !/^https?:\/\//i.test(text)) continue;
      try {
        hosts.add(new URL(text).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
      } catch {
        // Not a URL after all: nothing to keep.
      }
    }
  }
  return hosts;
}

/** `error` with addresses, paths, and hosts (and URLs on hosts) other than the source's own replaced by placeholders. */
export function redactRunError(error: string, own: ReadonlySet<string>): string {
  return error.replace(TOKEN, (token: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as Record<'url' | 'ip' | 'path' | 'host', string | undefined>;
    // Punctuation after a URL or path ends the sentence, not the token.
    const tail = /[:.,;)]*$/.exec(token)![0];
    if (groups.url) return own.has(urlHost(token)) ? token : `[url]${tail}`;
    if (groups.ip) {
      const bare = token.replace(/^\[([^\]]+)\](?::\d+)?$/, '$1').replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1');
      if (!ipaddr.isValid(bare.replace(/%.*$/, ''))) return token;
      return own.has(bare.toLowerCase()) ? token : '[address]';
    }
    if (groups.path) return `[path]${tail}`;
    const host = token.toLowerCase().replace(/\.$/, '');
    if (own.has(host) || FILE_EXTENSIONS.has(host.slice(host.lastIndexOf('.') + 1))) return token;
    return '[host]';
  });
}

function urlHost(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
}
