import { domainSample1, domainSample2 } from '../testing/domainSamples';
import { computeClusterCapacity } from './computeClusterCapacity';

describe('what each subnet is used for', () => {
  it('tells custom networking pod subnets from the nodes’ own, and totals the pod subnets apart', () => {
    // Sample 2: both nodes' primary ENIs in 192.168.x /19s, their pods in
    // two 100.64 /19s on secondary ENIs (how-pod-ips-are-counted.md §1, §6).
    const capacity = computeClusterCapacity(domainSample2());
    const roles = Object.fromEntries(
      capacity.subnets.map(s => [s.cidr, [s.role, s.prefixNodes]]),
    );
    expect(roles).toEqual({
      '100.64.32.0/19': ['pods', 1],
      '100.64.64.0/19': ['pods', 1],
      '192.168.128.0/19': ['nodes', 0],
      '192.168.160.0/19': ['nodes', 0],
    });
    // Four /19s of 8,187 usable each, two of them pod subnets.
    expect(capacity.totals.subnetUsable).toBe(4 * 8187);
    expect(capacity.totals.podSubnets).toBe(2);
    expect(capacity.totals.podSubnetUsable).toBe(2 * 8187);
  });

  it('counts subnets that hold both node and pod IPs once, as pod subnets', () => {
    // Sample 1 (Auto Mode): each node's primary ENI holds its prefix.
    const capacity = computeClusterCapacity(domainSample1());
    expect(capacity.subnets.map(s => s.role)).toEqual([
      'pods-and-nodes',
      'pods-and-nodes',
    ]);
    expect(capacity.totals.podSubnetUsable).toBe(capacity.totals.subnetUsable);
    // Node b and c draw /28s from 192.168.64.0/19, node a from .160.0/19.
    expect(capacity.subnets.map(s => s.prefixNodes)).toEqual([2, 1]);
  });
});
