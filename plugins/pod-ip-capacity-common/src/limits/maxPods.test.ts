import { InventoryInstanceType } from '../types';
import {
  maxPodsCeiling,
  maxPodsPrefix,
  maxPodsSecondaryIp,
  supportsPrefixDelegation,
} from './maxPods';

// DescribeInstanceTypes figures.
const m5large: InventoryInstanceType = {
  instanceType: 'm5.large',
  maximumNetworkInterfaces: 3,
  ipv4AddressesPerInterface: 10,
  defaultVCpus: 2,
  hypervisor: 'nitro',
};
const m524xlarge: InventoryInstanceType = {
  instanceType: 'm5.24xlarge',
  maximumNetworkInterfaces: 15,
  ipv4AddressesPerInterface: 50,
  defaultVCpus: 96,
  hypervisor: 'nitro',
};
const t3medium: InventoryInstanceType = {
  instanceType: 't3.medium',
  maximumNetworkInterfaces: 3,
  ipv4AddressesPerInterface: 6,
  defaultVCpus: 2,
  hypervisor: 'nitro',
};
const m4large: InventoryInstanceType = {
  instanceType: 'm4.large',
  maximumNetworkInterfaces: 2,
  ipv4AddressesPerInterface: 10,
  defaultVCpus: 2,
  hypervisor: 'xen',
};

describe('max pods (how-pod-ips-are-counted.md §4)', () => {
  it('m5.large: 29 secondary-IP (3 × 9 + 2), 20 custom networking (2 × 9 + 2)', () => {
    expect(maxPodsSecondaryIp(m5large)).toBe(29);
    expect(maxPodsSecondaryIp(m5large, { customNetworking: true })).toBe(20);
  });

  it('m5.large prefix: 3 × (9 × 16) + 2 = 434, capped at 110 (2 vCPUs)', () => {
    expect(maxPodsPrefix(m5large, { capByVCpus: false })).toBe(434);
    expect(maxPodsPrefix(m5large)).toBe(110);
    // custom networking + prefixes: 2 × 144 + 2 = 290 → 110
    expect(
      maxPodsPrefix(m5large, { customNetworking: true, capByVCpus: false }),
    ).toBe(290);
  });

  it('m5.24xlarge: 15 × 49 + 2 = 737, capped at 250 (96 vCPUs)', () => {
    expect(maxPodsSecondaryIp(m524xlarge, { capByVCpus: false })).toBe(737);
    expect(maxPodsSecondaryIp(m524xlarge)).toBe(250);
    expect(maxPodsPrefix(m524xlarge)).toBe(250);
  });

  it('t3.medium: 3 × 5 + 2 = 17', () => {
    expect(maxPodsSecondaryIp(t3medium)).toBe(17);
  });

  it('caps at 110 up to 30 vCPUs and 250 above', () => {
    expect(maxPodsCeiling(30)).toBe(110);
    expect(maxPodsCeiling(32)).toBe(250);
  });

  it('has no prefix mode on Xen: m4.large stays at 2 × 9 + 2 = 20', () => {
    expect(supportsPrefixDelegation(m4large)).toBe(false);
    expect(maxPodsPrefix(m4large)).toBe(20);
  });
});
