import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Named groups accepted in the trusted-proxy list. */
const GROUPS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
const unmapped = (address: string): string => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/**
 * Parses GATEWAY_TRUSTED_PROXIES: addresses, CIDR ranges and the names `loopback` and `private`,
 * comma separated. Throws on anything else (a typo must not silently trust nobody, or everybody).
 */
export function parseTrustedProxies(setting: string | undefined): BlockList | undefined {
  const entries = (setting ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .flatMap((e) => GROUPS[e] ?? [e]);
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits)))
      throw new Error(`GATEWAY_TRUSTED_PROXIES: not an address or CIDR range: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** True when the socket's peer is one of the trusted proxies (its X-Forwarded-* headers count). */
export function peerIsTrustedProxy(req: IncomingMessage, proxies: BlockList | undefined): boolean {
  return !!proxies && trusted(proxies, unmapped(req.socket.remoteAddress ?? ''));
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case
 * `X-Forwarded-For` is read from the right, skipping trusted proxies, up to the first address that
 * is not one (what a client writes in the header itself is never believed).
 */
export function clientAddressOf(req: IncomingMessage, proxies: BlockList | undefined): string {
  let address = unmapped(req.socket.remoteAddress ?? 'unknown');
  if (!proxies) return address;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((h) => unmapped(h.trim()))
    .filter(Boolean);
  while (trusted(proxies, address) && hops.length > 0) {
    const next = hops.pop()!;
    if (isIP(next) === 0) break;
    address = next;
  }
  return address;
}
