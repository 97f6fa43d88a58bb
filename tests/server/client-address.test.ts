// The client address behind proxies (src/server/client-address.ts) and the TRUST_PROXY setting that feeds it.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { clientAddress, clientAddressOfRequest, proxyTrust } from '../../src/server/client-address.ts';

const headers = (values: Record<string, string>) => (name: string) => values[name];
const trust = proxyTrust(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32']);

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever the headers say', () => {
    const none = proxyTrust([]);
    expect(clientAddress('10.0.0.5', headers({ 'x-forwarded-for': '203.0.113.1' }), none)).toBe('10.0.0.5');
  });

  it('walks X-Forwarded-For from the nearest hop past every trusted proxy', () => {
    const xff = headers({ 'x-forwarded-for': '198.51.100.7, 203.0.113.1, 10.1.1.1' });
    expect(clientAddress('192.0.2.1', xff, trust)).toBe('203.0.113.1');
    expect(clientAddress('::ffff:10.0.0.5', xff, trust)).toBe('203.0.113.1');
  });

  it('reads RFC 7239 Forwarded (quoted IPv6 with port, IPv4 with port) before X-Forwarded-For', () => {
    const forwarded = headers({
      forwarded: 'for="[2001:db9::1]:4711";proto=https, for=10.2.2.2:80',
      'x-forwarded-for': '203.0.113.9',
    });
    expect(clientAddress('10.0.0.5', forwarded, trust)).toBe('2001:db9::1');
  });

  it('stops at the proxy that forwarded a hop that is not an address, and when every hop is trusted', () => {
    expect(clientAddress('10.0.0.5', headers({ 'x-forwarded-for': 'unknown, 10.3.3.3' }), trust)).toBe('10.3.3.3');
    expect(clientAddress('10.0.0.5', headers({ 'x-forwarded-for': '10.4.4.4' }), trust)).toBe('10.4.4.4');
    expect(clientAddress('10.0.0.5', headers({}), trust)).toBe('10.0.0.5');
  });

  it('reads a Node request as the voice upgrade will hand it over', () => {
    const request = {
      socket: { remoteAddress: '10.0.0.5' },
      headers: { 'x-forwarded-for': '203.0.113.4' },
    } as unknown as IncomingMessage;
    expect(clientAddressOfRequest(request, trust)).toBe('203.0.113.4');
    expect(clientAddressOfRequest(undefined, trust)).toBe('local');
  });
});

describe('TRUST_PROXY', () => {
  it('takes addresses and CIDR ranges, separated by commas or spaces; none by default', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1 ::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
    ]);
    expect(loadConfig({}).trustProxy).toEqual([]);
  });

  it('stops start-up with a sentence naming the variable and the bad entry', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(
      'config: TRUST_PROXY must list proxy addresses or CIDR ranges like 10.0.0.1 or 10.0.0.0/8, but "10.0.0.0/33" is not one.',
    );
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow('"nginx" is not one.');
  });
});
