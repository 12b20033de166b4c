// SSRF guard: which addresses a fetch may connect to. Checked on the address the
// name resolved to (at connect time), so that DNS tricks cannot reach the inside.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors.js';

/** Public unicast only: loopback, private, link-local (cloud metadata), CGNAT, multicast and reserved are not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export interface AddressPolicy {
  /** `fetch.allowPrivateNetworks`: any address goes. */
  allowPrivate: boolean;
  /** The source's own configured host: it may live on a private network. */
  trustedHost: string | null;
}

function refused(hostname: string, address: string): AppError {
  return new AppError('FETCH_ADDRESS_REFUSED', `refusing to fetch ${hostname}: ${address} is not a public address`);
}

/** Throws for a URL whose host is an IP literal outside the policy (no DNS lookup happens for those). */
export function checkLiteralHost(url: URL, policy: AddressPolicy): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(host) || policy.allowPrivate || isPublicAddress(host)) return;
  if (policy.trustedHost !== null && url.hostname.toLowerCase() === policy.trustedHost) return;
  throw refused(url.hostname, host);
}

/** How names resolve: `dns.lookup` unless a test (or a custom resolver) passes its own. */
export type Resolve = (hostname: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/** A `net.connect` lookup that resolves as usual, then refuses non-public addresses of untrusted hosts. */
export function guardedLookup(policy: AddressPolicy, resolve: Resolve = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const trusted = policy.allowPrivate || hostname.toLowerCase() === policy.trustedHost;
      const bad = trusted ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(refused(hostname, bad.address) as unknown as NodeJS.ErrnoException, '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
