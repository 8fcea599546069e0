import { InventoryInstanceType } from '../types';
import { INSTANCE_TYPES } from '../testing/builders';
import {
  warmIps,
  warmPrefixes,
  warmSettingsInForce,
  warmTargetsOf,
} from './warmPool';

/** t3.small: 3 ENIs × 4 IPv4 = 9 address slots (the VPC CNI's own examples use it). */
const T3_SMALL: InventoryInstanceType = {
  instanceType: 't3.small',
  maximumNetworkInterfaces: 3,
  ipv4AddressesPerInterface: 4,
  defaultVCpus: 2,
  hypervisor: 'nitro',
};
const M5_LARGE = INSTANCE_TYPES['m5.large'];

const prefixesFor = (pods: number, cni: Parameters<typeof warmTargetsOf>[0]) =>
  warmPrefixes(pods, warmTargetsOf(cni), { instanceType: T3_SMALL }).prefixes;

describe('warmPrefixes (how-pod-ips-are-counted.md §7)', () => {
  it('holds ⌈N/16⌉ + 1 prefixes with the default WARM_PREFIX_TARGET=1', () => {
    // A node with 1 pod holds the prefix its pod uses and one warm: 32 addresses.
    expect(warmPrefixes(1, warmTargetsOf(undefined))).toEqual({
      addresses: 32,
      prefixes: 2,
      rule: 'WARM_PREFIX_TARGET',
    });
    // The VPC CNI's examples table (t3.small): 0, 5, 16, 17, 58 pods →
    // 1, 2, 2, 3, 5 prefixes (17 pods fill one prefix and start a second).
    expect([0, 5, 16, 17, 58].map(n => prefixesFor(n, {}))).toEqual([
      1, 2, 2, 3, 5,
    ]);
  });

  it('holds max(⌈(N + w)/16⌉, ⌈m/16⌉) with WARM_IP_TARGET=w and MINIMUM_IP_TARGET=m', () => {
    // Same table: w=1, m=1: 0, 5, 17, 58 pods → 1, 1, 2, 4 (⌈59/16⌉ = 4).
    const small = { warmIpTarget: 1, minimumIpTarget: 1 };
    expect([0, 5, 17, 58].map(n => prefixesFor(n, small))).toEqual([
      1, 1, 2, 4,
    ]);
    // w=7, m=20: the minimum asks ⌈20/16⌉ = 2 prefixes; 58 pods ask ⌈65/16⌉ = 5.
    const min20 = { warmIpTarget: 7, minimumIpTarget: 20 };
    expect([5, 17, 58].map(n => prefixesFor(n, min20))).toEqual([2, 2, 5]);
    // They override WARM_PREFIX_TARGET, even a large one.
    expect(prefixesFor(5, { warmPrefixTarget: 4, warmIpTarget: 1 })).toBe(1);
  });

  it('never holds more than the pod limit needs nor than the ENIs have slots', () => {
    // 100 pods + 1 warm = 8 prefixes, but 110 pods fit in ⌈110/16⌉ = 7.
    expect(
      warmPrefixes(100, warmTargetsOf({}), {
        maxPods: 110,
        instanceType: M5_LARGE,
      }),
    ).toEqual({
      addresses: 112,
      prefixes: 7,
      rule: 'WARM_PREFIX_TARGET',
      cappedBy: 'max-pods',
    });
    // A t3.small has 9 slots: 140 pods + 1 warm (10) are capped at 9.
    expect(
      warmPrefixes(140, warmTargetsOf({}), { instanceType: T3_SMALL }),
    ).toMatchObject({
      prefixes: 9,
      cappedBy: 'address-slots',
    });
    // Custom networking leaves the primary ENI out: 2 ENIs × 3 = 6 slots.
    expect(
      warmPrefixes(140, warmTargetsOf({}), {
        instanceType: T3_SMALL,
        customNetworking: true,
      }).prefixes,
    ).toBe(6);
  });
});

describe('warmIps (how-pod-ips-are-counted.md §7)', () => {
  it('holds ⌈N/s⌉ + E ENIs of s = IPv4 per ENI − 1 with WARM_ENI_TARGET=E', () => {
    // m5.large: s = 9. 1 pod: ⌈1/9⌉ + 1 = 2 ENIs, 18 IPs; 0 pods: one ENI's 9.
    expect(warmIps(1, warmTargetsOf({}), { instanceType: M5_LARGE })).toEqual({
      addresses: 18,
      enis: 2,
      rule: 'WARM_ENI_TARGET',
    });
    expect(
      warmIps(0, warmTargetsOf({}), { instanceType: M5_LARGE })?.addresses,
    ).toBe(9);
    // 20 pods ask ⌈20/9⌉ + 1 = 4 ENIs; an m5.large has 3: 27 IPs.
    expect(warmIps(20, warmTargetsOf({}), { instanceType: M5_LARGE })).toEqual({
      addresses: 27,
      enis: 3,
      rule: 'WARM_ENI_TARGET',
      cappedBy: 'address-slots',
    });
    // MAX_ENI=2 caps it at 2 ENIs.
    expect(
      warmIps(20, warmTargetsOf({ maxEni: 2 }), { instanceType: M5_LARGE })
        ?.enis,
    ).toBe(2);
  });

  it('holds max(N + w, m) IPs with WARM_IP_TARGET=w and MINIMUM_IP_TARGET=m', () => {
    expect(
      warmIps(1, warmTargetsOf({ warmIpTarget: 5 }), {
        instanceType: M5_LARGE,
      }),
    ).toEqual({
      addresses: 6,
      enis: 1,
      rule: 'WARM_IP_TARGET',
    });
    // The minimum wins while the pods are few: max(1 + 5, 10) = 10, on 2 ENIs of 9.
    expect(
      warmIps(1, warmTargetsOf({ warmIpTarget: 5, minimumIpTarget: 10 }), {
        instanceType: M5_LARGE,
      }),
    ).toMatchObject({ addresses: 10, enis: 2 });
  });

  it('cannot size a WARM_ENI_TARGET pool without the instance type', () => {
    expect(warmIps(3, warmTargetsOf({}))).toBeNull();
  });
});

describe('warmSettingsInForce', () => {
  it('names the setting that sizes the pool and whether it was assumed', () => {
    // The DaemonSet said nothing: the CNI's default WARM_PREFIX_TARGET=1.
    expect(warmSettingsInForce(warmTargetsOf({}), 'prefix', {})).toEqual([
      { name: 'WARM_PREFIX_TARGET', value: 1, assumed: true },
    ]);
    const cni = { warmIpTarget: 5, minimumIpTarget: 10, warmPrefixTarget: 2 };
    expect(warmSettingsInForce(warmTargetsOf(cni), 'prefix', cni)).toEqual([
      { name: 'WARM_IP_TARGET', value: 5, assumed: false },
      { name: 'MINIMUM_IP_TARGET', value: 10, assumed: false },
    ]);
    expect(
      warmSettingsInForce(warmTargetsOf({ warmEniTarget: 2 }), 'secondary-ip', {
        warmEniTarget: 2,
      }),
    ).toEqual([{ name: 'WARM_ENI_TARGET', value: 2, assumed: false }]);
  });
});
