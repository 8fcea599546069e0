import { ClusterInventory } from '../types';
import { INSTANCE_TYPES, makeEni, makeNode, makePod } from './builders';

/**
 * The two per-ENI report samples of how-pod-ips-are-counted.md §6 as inventories. Node
 * names equal instance ids. Instance types are not in the samples: both
 * use m5.large (3 ENIs × 10 IPv4, 2 vCPUs). `AvailableIpAddressCount` is
 * what EC2 would report for exactly these ENIs: /19 usable 8187, less one
 * per primary IP and 16 per prefix.
 */

const AUTO = {
  'eks.amazonaws.com/compute-type': 'auto',
  'karpenter.sh/nodepool': 'general-purpose',
};

/**
 * Sample 1 — Auto Mode default, prefixes on the primary ENI.
 *
 * @public
 */
export function domainSample1(): ClusterInventory {
  const a = 'i-aaaaaaaaaaaaaaaaa';
  const b = 'i-bbbbbbbbbbbbbbbbb';
  const c = 'i-ccccccccccccccccc';
  return {
    cluster: 'sample-1-auto-mode',
    nodes: [
      makeNode(a, 'm5.large', AUTO, {
        zone: 'eu-west-1c',
        allocatablePods: 110,
      }),
      makeNode(b, 'm5.large', AUTO, {
        zone: 'eu-west-1a',
        allocatablePods: 110,
      }),
      makeNode(c, 'm5.large', AUTO, {
        zone: 'eu-west-1a',
        allocatablePods: 110,
      }),
    ],
    pods: [
      makePod('web-a-1', a, ['192.168.181.240']),
      makePod('web-b-1', b, ['192.168.71.80']),
      makePod('web-b-2', b, ['192.168.71.81']),
      makePod('web-b-3', b, ['192.168.71.82']),
      makePod('web-c-1', c, ['192.168.85.161']),
    ],
    instances: [
      {
        instanceId: a,
        instanceType: 'm5.large',
        availabilityZone: 'eu-west-1c',
        networkInterfaces: [
          makeEni(
            'eni-aaaaaaaaaaaaaaaaa',
            'subnet-0sample1c',
            '192.168.183.45',
            {
              instanceId: a,
              ipv4Prefixes: ['192.168.181.240/28'],
            },
          ),
        ],
      },
      {
        instanceId: b,
        instanceType: 'm5.large',
        availabilityZone: 'eu-west-1a',
        networkInterfaces: [
          makeEni(
            'eni-bbbbbbbbbbbbbbbbb',
            'subnet-0sample1a',
            '192.168.81.38',
            {
              instanceId: b,
              ipv4Prefixes: ['192.168.71.80/28'],
            },
          ),
        ],
      },
      {
        instanceId: c,
        instanceType: 'm5.large',
        availabilityZone: 'eu-west-1a',
        networkInterfaces: [
          makeEni(
            'eni-ccccccccccccccccc',
            'subnet-0sample1a',
            '192.168.71.108',
            {
              instanceId: c,
              ipv4Prefixes: ['192.168.85.160/28'],
            },
          ),
        ],
      },
    ],
    subnets: [
      {
        subnetId: 'subnet-0sample1c',
        cidr: '192.168.160.0/19',
        // 8187 − 1 primary IP − 16 (one prefix)
        availableIpAddressCount: 8170,
        availabilityZone: 'eu-west-1c',
        cidrReservations: [],
      },
      {
        subnetId: 'subnet-0sample1a',
        cidr: '192.168.64.0/19',
        // 8187 − 2 primary IPs − 32 (two prefixes)
        availableIpAddressCount: 8153,
        availabilityZone: 'eu-west-1a',
        cidrReservations: [],
      },
    ],
    otherNetworkInterfaces: [],
    instanceTypes: [INSTANCE_TYPES['m5.large']],
  };
}

const CUSTOM = { 'eks.amazonaws.com/nodegroup': 'custom-networking' };

/**
 * Sample 2 — separate pod subnets (custom networking): each node's primary
 * ENI in a 192.168 subnet, pods on a secondary ENI in a 100.64 subnet. The
 * published sample names one subnet id for both 100.64 subnets; here the
 * second has its own.
 *
 * @public
 */
export function domainSample2(): ClusterInventory {
  const a = 'i-aaaaaaaaaaaaaaaaa';
  const e = 'i-0e8217b21d04ed516';
  return {
    cluster: 'sample-2-custom-networking',
    nodes: [
      makeNode(a, 'm5.large', CUSTOM, {
        zone: 'eu-west-1b',
        allocatablePods: 110,
      }),
      makeNode(e, 'm5.large', CUSTOM, {
        zone: 'eu-west-1c',
        allocatablePods: 110,
      }),
    ],
    pods: [
      makePod('api-1', a, ['100.64.43.16']),
      makePod('api-2', a, ['100.64.43.17']),
      makePod('api-3', a, ['100.64.43.18']),
      makePod('worker-1', e, ['100.64.72.176']),
      makePod('worker-2', e, ['100.64.72.177']),
    ],
    instances: [
      {
        instanceId: a,
        instanceType: 'm5.large',
        availabilityZone: 'eu-west-1b',
        networkInterfaces: [
          makeEni('eni-bbbbbbbbbbbbbbbbb', 'subnet-0pods1b', '100.64.51.12', {
            instanceId: a,
            deviceIndex: 1,
            ipv4Prefixes: ['100.64.43.16/28'],
          }),
          makeEni(
            'eni-aaaaaaaaaaaaaaaaa',
            'subnet-0nodes1b',
            '192.168.137.198',
            {
              instanceId: a,
              deviceIndex: 0,
            },
          ),
        ],
      },
      {
        instanceId: e,
        instanceType: 'm5.large',
        availabilityZone: 'eu-west-1c',
        networkInterfaces: [
          makeEni(
            'eni-ccccccccccccccccc',
            'subnet-0nodes1c',
            '192.168.177.125',
            {
              instanceId: e,
              deviceIndex: 0,
            },
          ),
          makeEni('eni-ddddddddddddddddd', 'subnet-0pods1c', '100.64.70.70', {
            instanceId: e,
            deviceIndex: 1,
            ipv4Prefixes: ['100.64.72.176/28'],
          }),
        ],
      },
    ],
    subnets: [
      {
        subnetId: 'subnet-0pods1b',
        cidr: '100.64.32.0/19',
        availableIpAddressCount: 8170,
        availabilityZone: 'eu-west-1b',
        cidrReservations: [],
      },
      {
        subnetId: 'subnet-0pods1c',
        cidr: '100.64.64.0/19',
        availableIpAddressCount: 8170,
        availabilityZone: 'eu-west-1c',
        cidrReservations: [],
      },
      {
        subnetId: 'subnet-0nodes1b',
        cidr: '192.168.128.0/19',
        // 8187 − 1 primary IP
        availableIpAddressCount: 8186,
        availabilityZone: 'eu-west-1b',
        cidrReservations: [],
      },
      {
        subnetId: 'subnet-0nodes1c',
        cidr: '192.168.160.0/19',
        availableIpAddressCount: 8186,
        availabilityZone: 'eu-west-1c',
        cidrReservations: [],
      },
    ],
    otherNetworkInterfaces: [],
    instanceTypes: [INSTANCE_TYPES['m5.large']],
  };
}
