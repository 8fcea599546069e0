import {
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  GetSubnetCidrReservationsCommand,
} from '@aws-sdk/client-ec2';
import { parseCidr, parseIpv4 } from '../scenario/ipv4';

/** A subnet as a collector sees it through the real SDK, counted per how-pod-ips-are-counted.md §5. */
export interface SubnetFigures {
  availableIpAddressCount: number;
  /** Aligned /28 blocks no address, prefix, AWS reservation or explicit reservation touches. */
  freeBlocks: number;
  eniCount: number;
}

/** §5 step 2, written independently of the simulator's own code (test oracle). */
function countFreeBlocks(
  cidr: string,
  usedIps: number[],
  prefixes: number[],
  explicit: Array<{ base: number; size: number }>,
): number {
  const subnet = parseCidr(cidr);
  const used = new Set(usedIps.map(ip => ip - (ip % 16)));
  const allocated = new Set(prefixes);
  let free = 0;
  for (let base = subnet.base; base < subnet.base + subnet.size; base += 16) {
    const reserved =
      base === subnet.base || base + 16 === subnet.base + subnet.size;
    const unavailable = explicit.some(
      r => r.base < base + 16 && base < r.base + r.size,
    );
    if (!reserved && !allocated.has(base) && !used.has(base) && !unavailable)
      free++;
  }
  return free;
}

export async function subnetFigures(
  ec2: EC2Client,
  subnetId: string,
): Promise<SubnetFigures> {
  const { Subnets = [] } = await ec2.send(
    new DescribeSubnetsCommand({ SubnetIds: [subnetId] }),
  );
  const { NetworkInterfaces = [] } = await ec2.send(
    new DescribeNetworkInterfacesCommand({
      Filters: [{ Name: 'subnet-id', Values: [subnetId] }],
      IncludeManagedResources: true,
    }),
  );
  const { SubnetIpv4CidrReservations = [] } = await ec2.send(
    new GetSubnetCidrReservationsCommand({ SubnetId: subnetId }),
  );
  const usedIps = NetworkInterfaces.flatMap(e =>
    (e.PrivateIpAddresses ?? []).map(p => parseIpv4(p.PrivateIpAddress!)),
  );
  const prefixes = NetworkInterfaces.flatMap(e =>
    (e.Ipv4Prefixes ?? []).map(p => parseCidr(p.Ipv4Prefix!).base),
  );
  const explicit = SubnetIpv4CidrReservations.filter(
    r => r.ReservationType === 'explicit',
  ).map(r => parseCidr(r.Cidr!));
  return {
    availableIpAddressCount: Subnets[0].AvailableIpAddressCount!,
    freeBlocks: countFreeBlocks(
      Subnets[0].CidrBlock!,
      usedIps,
      prefixes,
      explicit,
    ),
    eniCount: NetworkInterfaces.length,
  };
}
