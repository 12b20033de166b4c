// SSRF guard: which addresses a fetch may connect to. Checked on the address the
// name resolved to (at connect time), so that DNS tricks cannot reach the inside.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors.js';

// Global unicast IPv6 (RFC 4291 §2.4, IANA): everything else (ULA, link-local, the
// IPv4-compatible ::/96, documentation, ORCHID, ...) is not on the public internet.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
// RFC 6052 well-known NAT64 prefix: DNS64 networks give every IPv4 site an address here,
// so it is judged by the IPv4 address it carries.
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Global unicast only. IPv4: not loopback, private, link-local (cloud metadata), CGNAT,
 * multicast, broadcast or reserved. IPv6: inside 2000::/3 and none of its special ranges
 * (6to4 and Teredo tunnel to an IPv4 address they carry, documentation, benchmarking);
 * IPv4-mapped and NAT64 addresses are judged by their IPv4 address; IPv4-compatible
 * (::/96, deprecated by RFC 4291 §2.5.5.1) never passes.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return ip.range() === 'unicast';
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === 'unicast';
  if (v6.match(NAT64)) return ipaddr.fromByteArray(v6.toByteArray().slice(12)).range() === 'unicast';
  return v6.match(GLOBAL_UNICAST_V6) && v6.range() === 'unicast';
}

export interface AddressPolicy {
  /** `fetch.allowPrivateNetworks`: any address goes. */
  allowPrivate: boolean;
  /**
   * The source's own configured host: it may live on a private network, at the inside
   * addresses it had when first resolved (TrustedHostPins), never at others.
   */
  trustedHost: string | null;
}

/**
 * The non-public addresses each trusted (source) host resolved to the first time this
 * process looked it up. A later answer may not add another: a public host whose owner
 * controls its DNS cannot rebind it to loopback or 169.254.169.254, and an inside host
 * keeps its inside addresses. An inside host that moves needs a restart.
 */
export class TrustedHostPins {
  private readonly pins = new Map<string, ReadonlySet<string>>();

  /** The first address of `addresses` that is neither public nor pinned for `host`; pins the first answer. */
  unpinned(host: string, addresses: readonly string[]): string | undefined {
    const inside = addresses.filter((a) => !isPublicAddress(a));
    const pinned = this.pins.get(host);
    if (!pinned) {
      this.pins.set(host, new Set(inside.map(canonical)));
      return undefined;
    }
    return inside.find((a) => !pinned.has(canonical(a)));
  }
}

const canonical = (address: string) => (ipaddr.isValid(address) ? ipaddr.parse(address).toNormalizedString() : address);

function refused(hostname: string, address: string, pinned = false): AppError {
  const why = pinned ? 'is not an address it had when first resolved' : 'is not a public address';
  return new AppError('FETCH_ADDRESS_REFUSED', `refusing to fetch ${hostname}: ${address} ${why}`);
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

/**
 * A `net.connect` lookup that resolves as usual, then refuses non-public addresses; the
 * trusted host's only those it had when first resolved (`pins`).
 */
export function guardedLookup(policy: AddressPolicy, resolve: Resolve = dnsLookup, pins = new TrustedHostPins()): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const host = hostname.toLowerCase();
      if (!policy.allowPrivate && host === policy.trustedHost) {
        const bad = pins.unpinned(host, addresses.map((a) => a.address));
        if (bad) return callback(refused(hostname, bad, true) as unknown as NodeJS.ErrnoException, '', 0);
      }
      const bad = policy.allowPrivate || host === policy.trustedHost ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(refused(hostname, bad.address) as unknown as NodeJS.ErrnoException, '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
