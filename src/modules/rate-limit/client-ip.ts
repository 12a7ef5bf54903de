import { isIPv6 } from 'node:net';
import type { ServiceRequest } from '../../common/pipeline/request-id';

/**
 * The client's address as limits count it. IPv4 (also IPv4-mapped IPv6) as is; other IPv6 addresses
 * by their /64, which one client usually holds whole: rotating addresses in it does not escape.
 */
export function clientIp(request: ServiceRequest): string {
  // Without X-Forwarded-For, Express's `ip` is the socket's address: taken from there, no trust list is parsed.
  const ip = (request.headers['x-forwarded-for'] ? request.ip : request.socket.remoteAddress) ?? 'unknown';
  if (ip.startsWith('::ffff:') && ip.includes('.')) return ip.slice('::ffff:'.length);
  // An IPv4 address has no colon: it need not go through the IPv6 check, a long regular expression.
  return ip.includes(':') && isIPv6(ip) ? `${ipv6Prefix64(ip)}::/64` : ip;
}

/** The first four groups of an IPv6 address, with `::` expanded. */
function ipv6Prefix64(ip: string): string {
  const [head, tail] = ip.split('%', 1)[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':');
}
