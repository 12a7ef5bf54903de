import type { ServiceRequest } from '../../common/pipeline/request-id';
import { clientIp } from './client-ip';

/** A request from a client at `ip`, directly or through a proxy that names it in X-Forwarded-For (Express's `ip`). */
const from = (ip: string | undefined, proxied = false) =>
  clientIp(
    (proxied
      ? { ip, headers: { 'x-forwarded-for': ip }, socket: { remoteAddress: '127.0.0.1' } }
      : { headers: {}, socket: { remoteAddress: ip } }) as ServiceRequest,
  );

describe('clientIp', () => {
  it("takes the socket's address, or Express's when the request came through a proxy", () => {
    expect(from('203.0.113.7')).toBe('203.0.113.7');
    expect(from('203.0.113.8', true)).toBe('203.0.113.8');
    expect(from('2001:db8::1', true)).toBe('2001:db8:0:0::/64');
  });

  it('keeps an IPv4 address, also when it comes IPv4-mapped', () => {
    expect(from('203.0.113.7')).toBe('203.0.113.7');
    expect(from('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    expect(from('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(from('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(from('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(from('::1')).toBe('0:0:0:0::/64');
    expect(from('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('names a request without an address', () => {
    expect(from(undefined)).toBe('unknown');
  });
});
