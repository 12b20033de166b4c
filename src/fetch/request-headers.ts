// What every request says about us and what it accepts; with stored validators it becomes
// a conditional GET (RFC 9110 §13.1), so an unchanged page costs a 304 and no body.
import type { Validators } from './validators.js';

const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

export interface RequestIdentity {
  userAgent: string;
  accept?: string;
}

export function requestHeaders(identity: RequestIdentity, validators: Validators | null): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': identity.userAgent,
    accept: identity.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}
