// The client's address for per-address limits: the socket's peer, or, when the peer is a proxy listed in TRUST_PROXY,
// the nearest address in X-Forwarded-For / Forwarded that is not itself a trusted proxy. Used by HTTP rate limiting
// and meant for the voice upgrade (clientAddressOfRequest takes the upgrade's IncomingMessage).
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import { parseProxyEntry } from '../config.ts';

/** Which peers' forwarding headers are believed (config.trustProxy: addresses and CIDR ranges). */
export interface ProxyTrust {
  trusts(address: string): boolean;
}

/** The address used when there is no socket (app.request() in tests, an in-process fetch). */
export const NO_PEER = 'local';
/** At most this many hops of a forwarding header are read (a longer one is read from its right end). */
export const MAX_FORWARDED_HOPS = 20;

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`; anything else unchanged. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** The trust for `entries` (already validated by loadConfig; an empty list trusts nobody). */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new net.BlockList();
  for (const entry of entries) {
    const parsed = parseProxyEntry(entry);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return {
    trusts(address) {
      const ip = plain(address);
      const version = net.isIP(ip);
      return entries.length > 0 && version !== 0 && list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** The hops of `Forwarded` (RFC 7239 `for=`) or else `X-Forwarded-For`, nearest last; an unreadable hop is ''. */
function forwardedHops(header: (name: string) => string | undefined): string[] {
  const forwarded = header('forwarded');
  if (forwarded) {
    return forwarded.split(',').map((element) => {
      const match = /(?:^|;)\s*for\s*=\s*("?)([^";,]*)\1/i.exec(element);
      const value = (match?.[2] ?? '').trim();
      // "[2001:db8::1]:4711" → 2001:db8::1; "192.0.2.60:80" → 192.0.2.60.
      const bracketed = /^\[([^\]]+)\]/.exec(value);
      if (bracketed) return bracketed[1]!;
      return /^\d+\.\d+\.\d+\.\d+:\d+$/.test(value) ? value.slice(0, value.lastIndexOf(':')) : value;
    });
  }
  const xff = header('x-forwarded-for');
  return xff ? xff.split(',').map((hop) => hop.trim()) : [];
}

/**
 * The client address: `peer` unless it is a trusted proxy; then the forwarding header is walked from its nearest hop
 * outwards, skipping trusted proxies, and the first other hop is the client. A hop that is not an address ends the
 * walk at the proxy that sent it (a client cannot pick its own bucket by writing garbage).
 */
export function clientAddress(
  peer: string | undefined,
  header: (name: string) => string | undefined,
  proxies: ProxyTrust,
): string {
  if (!peer) return NO_PEER;
  let client = plain(peer);
  if (!proxies.trusts(client)) return client;
  const hops = forwardedHops(header).slice(-MAX_FORWARDED_HOPS);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = plain(hops[i]!);
    if (net.isIP(hop) === 0) return client;
    client = hop;
    if (!proxies.trusts(hop)) return hop;
  }
  return client;
}

/** clientAddress for a Node request (the HTTP request of a route, or the voice channel's upgrade request). */
export function clientAddressOfRequest(request: IncomingMessage | undefined, proxies: ProxyTrust): string {
  return clientAddress(
    request?.socket?.remoteAddress,
    (name) => {
      const value = request?.headers?.[name];
      return Array.isArray(value) ? value.join(',') : value;
    },
    proxies,
  );
}
