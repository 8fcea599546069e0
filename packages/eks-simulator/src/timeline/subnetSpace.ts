import { isAwsReserved, Ipv4Cidr, parseCidr } from '../scenario/ipv4';
import { CidrReservationSpec } from '../scenario/types';

/** A /28 block's state, as how-pod-ips-are-counted.md §5 step 2 names them. */
export type BlockState =
  | 'reserved'
  | 'allocated'
  | 'fragmented'
  | 'unavailable'
  | 'free';

interface Range {
  start: number;
  end: number;
  type: 'prefix' | 'explicit';
}

/**
 * The address space of one subnet while a timeline plays: which addresses ENIs hold, which
 * /28s are prefixes, and where EC2 would hand out the next prefix or single IP. The counts
 * are kept per change, since a timeline asks for them after every event.
 */
export class SubnetSpace {
  readonly cidr: Ipv4Cidr;
  private readonly used = new Set<number>();
  private readonly prefixes = new Set<number>();
  private readonly reservations: Range[];
  private version = 0;
  private counted = -1;
  private counts = { freeBlocks: 0, freeIps: 0 };

  constructor(
    readonly id: string,
    cidr: string,
    reservations: CidrReservationSpec[] = [],
  ) {
    this.cidr = parseCidr(cidr);
    this.reservations = reservations.map(r => {
      const c = parseCidr(r.cidr);
      return { start: c.base, end: c.base + c.size, type: r.type };
    });
  }

  claimIp(ip: number) {
    this.used.add(ip);
    this.version++;
  }

  releaseIp(ip: number) {
    this.used.delete(ip);
    this.version++;
  }

  claimPrefix(base: number) {
    this.prefixes.add(base);
    this.version++;
  }

  releasePrefix(base: number) {
    this.prefixes.delete(base);
    this.version++;
  }

  private reservedBy(ip: number): Range | undefined {
    return this.reservations.find(r => ip >= r.start && ip < r.end);
  }

  /** §5 step 2: reserved, allocated, fragmented, unavailable, else free. */
  blockState(base: number): BlockState {
    if (isAwsReserved(this.cidr, base) || isAwsReserved(this.cidr, base + 15))
      return 'reserved';
    if (this.prefixes.has(base)) return 'allocated';
    for (let ip = base; ip < base + 16; ip++)
      if (this.used.has(ip)) return 'fragmented';
    const end = base + 16;
    if (
      this.reservations.some(
        r => r.type === 'explicit' && r.start < end && base < r.end,
      )
    )
      return 'unavailable';
    return 'free';
  }

  /**
   * Whether EC2 could give this address to a new ENI or secondary IP: not AWS-reserved,
   * not held, not in a prefix, not in a CIDR reservation (§8: prefix reservations are not
   * free for single IPs).
   */
  singleIpFree(ip: number): boolean {
    return (
      ip >= this.cidr.base &&
      ip < this.cidr.base + this.cidr.size &&
      !isAwsReserved(this.cidr, ip) &&
      !this.used.has(ip) &&
      !this.prefixes.has(ip - (ip % 16)) &&
      !this.reservedBy(ip)
    );
  }

  private count() {
    if (this.counted === this.version) return this.counts;
    let freeBlocks = 0;
    let freeIps = 0;
    for (
      let base = this.cidr.base;
      base < this.cidr.base + this.cidr.size;
      base += 16
    ) {
      if (this.blockState(base) === 'free') freeBlocks++;
      if (this.prefixes.has(base)) continue;
      for (let ip = base; ip < base + 16; ip++)
        if (this.singleIpFree(ip)) freeIps++;
    }
    this.counts = { freeBlocks, freeIps };
    this.counted = this.version;
    return this.counts;
  }

  /** Free aligned /28 blocks (those inside `prefix` reservations included). */
  freeBlocks(): number {
    return this.count().freeBlocks;
  }

  /** How many single IPs are still free (without reservations: AvailableIpAddressCount). */
  freeIps(): number {
    return this.count().freeIps;
  }

  /** Where EC2 puts the next prefix: `prefix` reservations first, then the lowest free /28. */
  lowestFreeBlock(): number | undefined {
    let outside: number | undefined;
    for (
      let base = this.cidr.base;
      base < this.cidr.base + this.cidr.size;
      base += 16
    ) {
      if (this.blockState(base) !== 'free') continue;
      if (this.reservedBy(base)?.type === 'prefix') return base;
      outside ??= base;
    }
    return outside;
  }

  /** The lowest free /28 no reservation covers (where a single IP would fragment it). */
  lowestFreeUnreservedBlock(): number | undefined {
    for (
      let base = this.cidr.base;
      base < this.cidr.base + this.cidr.size;
      base += 16
    ) {
      const end = base + 16;
      const reserved = this.reservations.some(
        r => r.start < end && base < r.end,
      );
      if (this.blockState(base) === 'free' && !reserved) return base;
    }
    return undefined;
  }

  /** The simulator's choice for a single IP: the lowest free one (EC2's is unpredictable). */
  lowestFreeIp(): number | undefined {
    for (
      let base = this.cidr.base;
      base < this.cidr.base + this.cidr.size;
      base += 16
    ) {
      if (this.prefixes.has(base)) continue;
      for (let ip = base; ip < base + 16; ip++)
        if (this.singleIpFree(ip)) return ip;
    }
    return undefined;
  }
}
