/*
 * Copyright 2026 The Pod IP Capacity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { kubeSuffix, stableHex } from './ids';
import { BUILTIN_INSTANCE_TYPES } from './instanceTypes';
import { formatIpv4, parseIpv4 } from './ipv4';
import {
  InstanceSpec,
  NetworkInterfaceSpec,
  PodSpec,
  ScenarioFile,
  SubnetSpec,
} from './types';

export interface LargeClusterOptions {
  nodes: number;
  podsPerNode: number;
  subnets: number;
  /** `prefix` (default): /28 prefixes on the primary ENI; `secondary-ip`: one IP per pod. */
  mode?: 'prefix' | 'secondary-ip';
  /** Default m5.4xlarge (8 ENIs × 30 IPv4). */
  instanceType?: string;
  /** Distinct services (`svc-000`…), each labelled `backstage.io/kubernetes-id`; default 20. */
  services?: number;
  /** Spare prefixes per node (WARM_PREFIX_TARGET), default 1; spare IPs in secondary-IP mode. */
  warm?: number;
  /** Per node: Succeeded pods that still carry a podIP from the node's range (default 0). */
  completedPodsPerNode?: number;
  /** aws-node and kube-proxy per node (default true). */
  hostNetworkDaemons?: boolean;
  clusterName?: string;
  accountId?: string;
  region?: string;
}

/** The credentials every generated scenario accepts. */
export const GENERATED_CREDENTIALS = {
  accessKeyId: 'AKIAGENERATED0000001',
  secretAccessKey: 'generated-secret-access-key',
  serviceAccountToken: 'generated-cluster-token',
};

/**
 * Builds a big, valid scenario for benchmarks: `nodes` nodes spread round-robin over
 * `subnets` subnets (each sized to fit), `podsPerNode` pods per node. Pod IPs are packed
 * from the start of each node's prefixes (or secondary IPs), so the numbers are predictable:
 * prefix mode uses ceil(podsPerNode / 16) + warm prefixes per node.
 */
export function generateLargeCluster(
  options: LargeClusterOptions,
): ScenarioFile {
  const nodes = Math.max(1, Math.floor(options.nodes));
  const podsPerNode = Math.max(0, Math.floor(options.podsPerNode));
  const subnetCount = Math.max(1, Math.min(Math.floor(options.subnets), nodes));
  const mode = options.mode ?? 'prefix';
  const typeName = options.instanceType ?? 'm5.4xlarge';
  const type = BUILTIN_INSTANCE_TYPES.find(t => t.name === typeName);
  if (!type) {
    throw new Error(`generateLargeCluster: unknown instance type ${typeName}`);
  }
  const services = Math.max(1, options.services ?? 20);
  const warm = options.warm ?? 1;
  const completed = options.completedPodsPerNode ?? 0;
  const cluster = options.clusterName ?? 'generated';
  const accountId = options.accountId ?? '333333333333';
  const region = options.region ?? 'us-east-1';
  const zones = ['a', 'b', 'c', 'd', 'e', 'f'].map(z => `${region}${z}`);

  // Per node: how many IPv4 addresses and in which shape.
  const podIpsPerNode = podsPerNode + completed;
  const slotsPerEni = type.ipv4AddressesPerInterface - 1;
  let prefixesPerNode = 0;
  let enisPerNode = 1;
  let secondaryPerNode = 0;
  if (mode === 'prefix') {
    prefixesPerNode = Math.ceil(podIpsPerNode / 16) + warm;
    if (prefixesPerNode > slotsPerEni) {
      throw new Error(
        `generateLargeCluster: ${prefixesPerNode} prefixes do not fit on one ${typeName} ENI (${slotsPerEni} slots)`,
      );
    }
  } else {
    secondaryPerNode = podIpsPerNode + warm;
    enisPerNode = Math.max(1, Math.ceil(secondaryPerNode / slotsPerEni));
    if (enisPerNode > type.maxNetworkInterfaces) {
      throw new Error(
        `generateLargeCluster: ${secondaryPerNode} secondary IPs need ${enisPerNode} ENIs, ${typeName} has ${type.maxNetworkInterfaces}`,
      );
    }
  }

  // Size each subnet: node addresses first (after the 4 reserved), then aligned prefixes.
  const nodesPerSubnet = Math.ceil(nodes / subnetCount);
  const addressBlocks =
    mode === 'prefix'
      ? Math.ceil((4 + nodesPerSubnet) / 16) +
        nodesPerSubnet * prefixesPerNode +
        1
      : Math.ceil(
          (4 + nodesPerSubnet * (enisPerNode + secondaryPerNode)) / 16,
        ) + 1;
  let prefixLength = 24;
  while (2 ** (28 - prefixLength) < addressBlocks) prefixLength--;
  if (prefixLength < 16) {
    throw new Error(
      `generateLargeCluster: a subnet would need more than a /16; use more subnets`,
    );
  }
  const subnetSize = 2 ** (32 - prefixLength);
  const firstBase = parseIpv4('10.0.0.0');
  const subnets: SubnetSpec[] = [];
  for (let s = 0; s < subnetCount; s++) {
    subnets.push({
      id: `subnet-${stableHex(`${cluster}/subnet/${s}`, 17)}`,
      cidr: `${formatIpv4(firstBase + s * subnetSize)}/${prefixLength}`,
      availabilityZone: zones[s % zones.length],
      tags: {
        [`kubernetes.io/cluster/${cluster}`]: 'shared',
        'kubernetes.io/role/internal-elb': '1',
      },
    });
  }
  const lastAddress = firstBase + subnetCount * subnetSize - 1;
  const vpcCidrs: string[] = [];
  for (let b = firstBase; b <= lastAddress; b += 65536)
    vpcCidrs.push(`${formatIpv4(b)}/16`);

  const instances: InstanceSpec[] = [];
  const nodeSpecs: Array<{ instanceId: string; nodegroup: string }> = [];
  const pods: PodSpec[] = [];
  const nextIp = subnets.map(s => parseIpv4(s.cidr.split('/')[0]) + 4);
  const nextPrefixBlock = subnets.map(
    s =>
      parseIpv4(s.cidr.split('/')[0]) +
      16 * Math.ceil((4 + nodesPerSubnet) / 16),
  );
  const serviceHash = Array.from({ length: services }, (_, i) =>
    kubeSuffix(`${cluster}/svc/${i}`, 9),
  );
  let podCounter = 0;
  // Generated names, like the API server's, are retried on collision (27^5 suffixes).
  const usedNames = new Set<string>();
  const uniqueName = (prefix: string, seed: string) => {
    for (let attempt = 0; ; attempt++) {
      const name = `${prefix}-${kubeSuffix(`${seed}#${attempt}`, 5)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  for (let n = 0; n < nodes; n++) {
    const s = n % subnetCount;
    const subnet = subnets[s];
    const instanceId = `i-${stableHex(`${cluster}/node/${n}`, 17)}`;
    const enis: NetworkInterfaceSpec[] = [];
    const podIps: string[] = [];
    if (mode === 'prefix') {
      const prefixes: string[] = [];
      for (let p = 0; p < prefixesPerNode; p++) {
        const base = nextPrefixBlock[s];
        nextPrefixBlock[s] += 16;
        prefixes.push(`${formatIpv4(base)}/28`);
        for (let k = 0; k < 16 && podIps.length < podIpsPerNode; k++)
          podIps.push(formatIpv4(base + k));
      }
      enis.push({
        id: `eni-${stableHex(`${cluster}/eni/${n}/0`, 17)}`,
        subnetId: subnet.id,
        primaryIp: formatIpv4(nextIp[s]++),
        ipv4Prefixes: prefixes,
        description: '',
        deviceIndex: 0,
      });
    } else {
      let remaining = secondaryPerNode;
      for (let e = 0; e < enisPerNode; e++) {
        const primary = formatIpv4(nextIp[s]++);
        const secondaries: string[] = [];
        for (let k = 0; k < slotsPerEni && remaining > 0; k++, remaining--) {
          secondaries.push(formatIpv4(nextIp[s]++));
        }
        podIps.push(...secondaries);
        enis.push({
          id: `eni-${stableHex(`${cluster}/eni/${n}/${e}`, 17)}`,
          subnetId: subnet.id,
          primaryIp: primary,
          secondaryIps: secondaries,
          deviceIndex: e,
          description: e === 0 ? '' : `aws-K8S-${instanceId}`,
          tags:
            e === 0
              ? {}
              : {
                  'cluster.k8s.amazonaws.com/name': cluster,
                  'node.k8s.amazonaws.com/instance_id': instanceId,
                },
        });
      }
    }
    instances.push({
      id: instanceId,
      instanceType: typeName,
      tags: { 'eks:cluster-name': cluster },
      networkInterfaces: enis,
    });
    nodeSpecs.push({ instanceId, nodegroup: `ng-${s}` });
    for (let k = 0; k < podIpsPerNode; k++) {
      const svc = podCounter % services;
      const svcName = `svc-${String(svc).padStart(3, '0')}`;
      pods.push({
        namespace: `team-${svc % 10}`,
        name: uniqueName(
          `${svcName}-${serviceHash[svc]}`,
          `${cluster}/pod/${podCounter}`,
        ),
        node: instanceId,
        ip: podIps[k],
        phase: k < podsPerNode ? 'Running' : 'Succeeded',
        labels: {
          app: svcName,
          'backstage.io/kubernetes-id': svcName,
          'pod-template-hash': serviceHash[svc],
        },
        owner: { kind: 'ReplicaSet', name: `${svcName}-${serviceHash[svc]}` },
      });
      podCounter++;
    }
    if (options.hostNetworkDaemons ?? true) {
      for (const ds of ['aws-node', 'kube-proxy']) {
        pods.push({
          namespace: 'kube-system',
          name: uniqueName(ds, `${cluster}/${ds}/${n}`),
          node: instanceId,
          hostNetwork: true,
          labels: { 'k8s-app': ds },
          owner: { kind: 'DaemonSet', name: ds },
        });
      }
    }
  }

  return {
    name: `generated-${nodes}x${podsPerNode}`,
    description: `Generated: ${nodes} ${typeName} nodes (${mode}), ${podsPerNode} pods each, ${subnetCount} subnets`,
    accounts: [
      {
        id: accountId,
        alias: 'generated',
        credentials: [
          {
            accessKeyId: GENERATED_CREDENTIALS.accessKeyId,
            secretAccessKey: GENERATED_CREDENTIALS.secretAccessKey,
          },
        ],
        regions: [
          {
            name: region,
            vpcs: [
              {
                id: `vpc-${stableHex(`${cluster}/vpc`, 17)}`,
                cidrBlocks: vpcCidrs,
                subnets,
              },
            ],
            instances,
          },
        ],
      },
    ],
    clusters: [
      {
        name: cluster,
        account: accountId,
        region,
        auth: {
          serviceAccountTokens: [GENERATED_CREDENTIALS.serviceAccountToken],
          awsIam: true,
        },
        nodes: nodeSpecs,
        pods,
      },
    ],
  };
}
