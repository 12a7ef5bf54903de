import type { ServiceRequest } from '../../common/pipeline/request-id';
import { clientIp } from './client-ip';

const from = (ip: string | undefined) => clientIp({ ip } as ServiceRequest);

describe('clientIp', () => {
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
