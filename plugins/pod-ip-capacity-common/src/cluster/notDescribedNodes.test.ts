import { domainSample1 } from '../testing/domainSamples';
import { computeClusterCapacity } from './computeClusterCapacity';

describe('nodes whose EC2 instance was not described', () => {
  it('are flagged, their pods placed nowhere, and left out of held IPs rather than counted as empty', () => {
    // Sample 1 with node c's instance missing from EC2's answer (another
    // account, or hidden as a managed resource). Nodes a and b still hold
    // one /28 each: 32 addresses for 1 + 3 pods.
    const inventory = domainSample1();
    inventory.instances = inventory.instances.filter(
      i => i.instanceId !== 'i-ccccccccccccccccc',
    );
    const capacity = computeClusterCapacity(inventory);

    const c = capacity.nodes.find(n => n.name === 'i-ccccccccccccccccc')!;
    expect(c.notDescribedByEc2).toBe(true);
    expect(c.headroom.wall).toBe('unknown');
    expect(c.headroom.pods).toBe(0);
    expect(
      capacity.nodes.filter(n => n.notDescribedByEc2).map(n => n.name),
    ).toEqual(['i-ccccccccccccccccc']);
    expect(capacity.totals.nodesNotDescribedByEc2).toBe(1);
    expect(capacity.totals.heldIps).toBe(32);
    // Its one pod still holds a VPC IP; where is unknown, and said so.
    expect(capacity.unattributedPods).toEqual([
      expect.objectContaining({
        nodeName: 'i-ccccccccccccccccc',
        podIp: '192.168.85.161',
        reason: 'node-not-described',
      }),
    ]);
  });

  it('are none in a complete inventory', () => {
    const capacity = computeClusterCapacity(domainSample1());
    expect(capacity.totals.nodesNotDescribedByEc2).toBe(0);
    expect(capacity.nodes.some(n => n.notDescribedByEc2)).toBe(false);
  });
});
