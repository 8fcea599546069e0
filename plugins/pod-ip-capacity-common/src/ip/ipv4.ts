import ipaddr from 'ipaddr.js';

/**
 * IPv4 addresses as unsigned 32-bit integers: parsed with ipaddr.js at the
 * edges, compared and masked as numbers inside, never as strings.
 */

/**
 * An IPv4 CIDR as integers: `base` is the network address.
 *
 * @public
 */
export interface Ipv4Range {
  base: number;
  prefixLength: number;
  /** Number of addresses: 2^(32 − prefixLength). */
  size: number;
}

function octetsToInt(octets: number[]): number {
  return (
    ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]
  );
}

/**
 * Parses a dotted-quad decimal IPv4 address, or returns undefined: four
 * octets of 0–255 without leading zeros. ipaddr.js would also accept `10.1`,
 * hexadecimal and octal forms, which Kubernetes and EC2 never print. A loop
 * over the characters, not ipaddr.js and regular expressions: a refresh
 * parses every pod's IP, and the profile showed those parses.
 */
export function tryParseIpv4(address: string | undefined): number | undefined {
  if (!address) return undefined;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      // "0" alone, never "01": a leading zero would be octal elsewhere.
      if (digits === 1 && octet === 0) return undefined;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return undefined;
      digits++;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + octet;
}

/** True for a dotted-quad IPv4 address (not IPv6, not IPv4-mapped IPv6). */
export function isIpv4(address: string): boolean {
  return tryParseIpv4(address) !== undefined;
}

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit integer. */
export function parseIpv4(address: string): number {
  const value = tryParseIpv4(address);
  if (value === undefined) throw new Error(`Not an IPv4 address: ${address}`);
  return value;
}

/** Formats an unsigned 32-bit integer as a dotted-quad IPv4 address. */
export function formatIpv4(value: number): string {
  return new ipaddr.IPv4([
    (value >>> 24) & 255,
    (value >>> 16) & 255,
    (value >>> 8) & 255,
    value & 255,
  ]).toString();
}

/** Formats a range as a CIDR. */
export function formatIpv4Cidr(base: number, prefixLength: number): string {
  return `${formatIpv4(base)}/${prefixLength}`;
}

/**
 * Parses an IPv4 CIDR. The base is masked to the network address, as EC2
 * does for subnets and prefixes.
 */
export function parseIpv4Cidr(cidr: string): Ipv4Range {
  const [address, prefixLength] = ipaddr.IPv4.parseCIDR(cidr);
  if (address.kind() !== 'ipv4') {
    throw new Error(`Not an IPv4 CIDR: ${cidr}`);
  }
  const size = 2 ** (32 - prefixLength);
  const raw = octetsToInt((address as ipaddr.IPv4).octets);
  const base = raw - (raw % size);
  return { base, prefixLength, size };
}

/** Parses an IPv4 CIDR, or returns undefined. */
export function tryParseIpv4Cidr(
  cidr: string | undefined,
): Ipv4Range | undefined {
  if (!cidr) return undefined;
  try {
    return parseIpv4Cidr(cidr);
  } catch {
    return undefined;
  }
}

/** True when `address` lies in `range`. */
export function rangeContains(range: Ipv4Range, address: number): boolean {
  return address >= range.base && address < range.base + range.size;
}

/** The base of the aligned /28 block `address` lies in. */
export function blockBaseOf(address: number): number {
  return address - (address % 16);
}

/** Compares two IPv4 address strings numerically (for sorting). */
export function compareIpv4(a: string, b: string): number {
  return parseIpv4(a) - parseIpv4(b);
}
