import { parseCidr, parseIpv4 } from '../scenario/ipv4';
import { Scenario } from '../scenario/types';
import { SubnetSpace } from './subnetSpace';

/** Every subnet's address space as a resolved scenario holds it (no file needed). */
export function spacesOf(scenario: Scenario): Map<string, SubnetSpace> {
  const spaces = new Map<string, SubnetSpace>();
  for (const r of scenario.regions) {
    for (const s of r.subnets) {
      spaces.set(s.id, new SubnetSpace(s.id, s.cidr, s.cidrReservations));
    }
    for (const e of r.networkInterfaces) {
      const space = spaces.get(e.subnetId);
      if (!space) continue;
      [e.primaryIp, ...e.secondaryIps].forEach(ip =>
        space.claimIp(parseIpv4(ip)),
      );
      e.ipv4Prefixes.forEach(p => space.claimPrefix(parseCidr(p).base));
    }
  }
  return spaces;
}
