import { InventoryPod } from '../types';
import { podHoldsVpcIpv4, vpcPodIp } from './podHoldsVpcIpv4';

const pod = (overrides: Partial<InventoryPod>): InventoryPod => ({
  namespace: 'default',
  name: 'p',
  nodeName: 'n',
  phase: 'Running',
  hostNetwork: false,
  podIps: ['10.0.0.20'],
  labels: {},
  ...overrides,
});

describe('podHoldsVpcIpv4', () => {
  it('counts a running pod with an IPv4 pod IP', () => {
    expect(podHoldsVpcIpv4(pod({}))).toBe(true);
  });

  it('does not count hostNetwork pods: their IP is the node IP', () => {
    expect(
      podHoldsVpcIpv4(pod({ hostNetwork: true, podIps: ['10.0.0.5'] })),
    ).toBe(false);
  });

  it.each(['Succeeded', 'Failed'])(
    'does not count a %s pod whose status still shows its released IP',
    phase => {
      expect(podHoldsVpcIpv4(pod({ phase }))).toBe(false);
    },
  );

  it('does not count a Pending pod without an IP, but counts a Pending one with an IP', () => {
    expect(podHoldsVpcIpv4(pod({ phase: 'Pending', podIps: [] }))).toBe(false);
    expect(podHoldsVpcIpv4(pod({ phase: 'Pending' }))).toBe(true);
  });

  it('picks the address of the asked family', () => {
    const v6 = pod({ podIps: ['2600:1f14::5'] });
    expect(podHoldsVpcIpv4(v6)).toBe(false);
    expect(vpcPodIp(v6, 'ipv6')).toBe('2600:1f14::5');
  });
});
