import { subnetUsableAddresses } from './subnetUsableAddresses';

describe('subnetUsableAddresses', () => {
  // how-pod-ips-are-counted.md §5: an empty /19 has 8187 usable addresses, a /24 251, a /28 11.
  it.each([
    ['192.168.160.0/19', 8187],
    ['10.0.0.0/24', 251],
    ['10.0.0.0/25', 123],
    ['10.0.0.0/28', 11],
  ])('%s has %i usable addresses', (cidr, usable) => {
    expect(subnetUsableAddresses(cidr)).toBe(usable);
  });

  it('rejects something that is not an IPv4 CIDR', () => {
    expect(() => subnetUsableAddresses('10.0.0.0')).toThrow();
    expect(() => subnetUsableAddresses('2001:db8::/64')).toThrow();
  });
});
