import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  blockBaseOf,
  formatIpv4,
  formatIpv4Cidr,
  isIpv4,
  parseIpv4,
  parseIpv4Cidr,
  rangeContains,
  tryParseIpv4,
} from './ipv4';

describe('ipv4', () => {
  it('parses addresses to unsigned 32-bit integers and back', () => {
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('10.0.0.1')).toBe(167772161);
    // The top bit set must stay positive (no signed 32-bit overflow).
    expect(parseIpv4('255.255.255.255')).toBe(4294967295);
    expect(parseIpv4('192.168.181.240')).toBe(3232282096);
    expect(formatIpv4(3232282096)).toBe('192.168.181.240');
    expect(formatIpv4(4294967295)).toBe('255.255.255.255');
  });

  it('orders numerically, not as strings', () => {
    // As strings '10.0.0.9' > '10.0.0.10'; as numbers it is smaller.
    expect(parseIpv4('10.0.0.9')).toBeLessThan(parseIpv4('10.0.0.10'));
  });

  it('rejects IPv6 and malformed input', () => {
    expect(isIpv4('2001:db8::1')).toBe(false);
    expect(isIpv4('10.0.0')).toBe(false);
    expect(isIpv4('10.0.0.256')).toBe(false);
    // ipaddr.js alone accepts these; EC2 and Kubernetes never print them.
    expect(isIpv4('0x0a.0.0.1')).toBe(false);
    expect(isIpv4('010.0.0.1')).toBe(false);
    expect(tryParseIpv4('fd00::5')).toBeUndefined();
    expect(() => parseIpv4('nope')).toThrow();
    for (const bad of [
      '',
      '10.0.0.1.',
      '.10.0.0.1',
      '10..0.1',
      '10.0.0.01',
      '00.0.0.0',
      '10.0.0.1 ',
      '10.0.0.-1',
      '1000.0.0.1',
    ]) {
      expect(tryParseIpv4(bad)).toBeUndefined();
    }
  });

  it('agrees with ipaddr.js on dotted-quad decimal, whatever the string', () => {
    // The rule the hand-written parser keeps: four decimal octets without
    // leading zeros, each parsed as ipaddr.js parses it.
    const reference = (text: string) =>
      /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(text) &&
      ipaddr.IPv4.isValid(text)
        ? ipaddr.IPv4.parse(text).octets.reduce(
            (value, octet) => value * 256 + octet,
            0,
          )
        : undefined;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[0-9.]{0,16}$/),
          fc
            .array(fc.integer({ min: 0, max: 300 }), {
              minLength: 3,
              maxLength: 5,
            })
            .map(octets => octets.join('.')),
        ),
        text => {
          expect(tryParseIpv4(text)).toBe(reference(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('parses CIDRs, masking the base to the network address', () => {
    const range = parseIpv4Cidr('10.0.0.77/25');
    expect(range).toEqual({
      base: parseIpv4('10.0.0.0'),
      prefixLength: 25,
      size: 128,
    });
    expect(rangeContains(range, parseIpv4('10.0.0.127'))).toBe(true);
    expect(rangeContains(range, parseIpv4('10.0.0.128'))).toBe(false);
    expect(formatIpv4Cidr(range.base, 25)).toBe('10.0.0.0/25');
    expect(parseIpv4Cidr('192.168.160.0/19').size).toBe(8192);
  });

  it('finds the /28 block of an address', () => {
    expect(formatIpv4(blockBaseOf(parseIpv4('192.168.85.161')))).toBe(
      '192.168.85.160',
    );
  });
});
