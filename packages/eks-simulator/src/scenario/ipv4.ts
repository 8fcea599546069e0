/** An IPv4 CIDR block with its network address as an unsigned 32-bit number. */
export interface Ipv4Cidr {
  text: string;
  base: number;
  prefixLength: number;
  size: number;
}

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit number; throws on anything else. */
export function parseIpv4(text: string): number {
  const parts = String(text).split('.');
  if (parts.length !== 4) {
    throw new Error(`'${text}' is not an IPv4 address`);
  }
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
      throw new Error(`'${text}' is not an IPv4 address`);
    }
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0]
    .map(shift => Math.floor(value / 2 ** shift) % 256)
    .join('.');
}

/** Parses `a.b.c.d/len`; the address must be the network address (EC2 rejects host bits too). */
export function parseCidr(text: string): Ipv4Cidr {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(String(text));
  if (!match || Number(match[2]) > 32) {
    throw new Error(`'${text}' is not an IPv4 CIDR block`);
  }
  const base = parseIpv4(match[1]);
  const prefixLength = Number(match[2]);
  const size = 2 ** (32 - prefixLength);
  if (base % size !== 0) {
    throw new Error(`'${text}' is not aligned: its address has host bits set`);
  }
  return {
    text: `${formatIpv4(base)}/${prefixLength}`,
    base,
    prefixLength,
    size,
  };
}

export function cidrContainsIp(cidr: Ipv4Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}

export function cidrContainsCidr(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return (
    inner.base >= outer.base &&
    inner.base + inner.size <= outer.base + outer.size
  );
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

/**
 * AWS reserves the first four addresses and the last one of every subnet.
 * Nothing may be allocated there, not even inside a prefix.
 */
export function isAwsReserved(subnet: Ipv4Cidr, ip: number): boolean {
  const offset = ip - subnet.base;
  return offset < 4 || offset === subnet.size - 1;
}
