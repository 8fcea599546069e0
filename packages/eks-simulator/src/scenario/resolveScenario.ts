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

import { deriveControllers, ownerUid } from './deriveControllers';
import { kubeSuffix, stableHex, stableMac, stableUuid } from './ids';
import { BUILTIN_INSTANCE_TYPES, normaliseInstanceType } from './instanceTypes';
import {
  cidrContainsCidr,
  cidrContainsIp,
  cidrsOverlap,
  Ipv4Cidr,
  isAwsReserved,
  parseCidr,
  parseIpv4,
} from './ipv4';
import {
  ClusterSpec,
  InstanceTypeSpec,
  KubeObject,
  NetworkInterfaceSpec,
  PodPhase,
  PodSpec,
  Scenario,
  ScenarioFile,
  SimAccount,
  SimCluster,
  SimInstance,
  SimNetworkInterface,
  SimRegion,
  SimSubnet,
  SimVpc,
  Tags,
  WorkloadSpec,
} from './types';

/** A scenario that contradicts itself or EC2's rules; lists every problem found. */
export class ScenarioError extends Error {
  constructor(readonly scenario: string, readonly problems: string[]) {
    super(
      `Scenario '${scenario}' is invalid:\n${problems
        .slice(0, 50)
        .map(p => `  - ${p}`)
        .join('\n')}${
        problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''
      }`,
    );
    this.name = 'ScenarioError';
  }
}

/** Objects are stamped with this creation time so scenarios stay byte-for-byte reproducible. */
const CREATED_AT = '2026-01-05T08:00:00Z';

interface SubnetIndex {
  subnet: SimSubnet;
  cidr: Ipv4Cidr;
  /** Every private IP of every ENI in the subnet → the ENI holding it. */
  usedIps: Map<number, string>;
  /** Network address of every allocated /28 prefix → the ENI holding it. */
  prefixes: Map<number, string>;
}

/**
 * Validates a scenario file and derives everything it must not write itself: subnet
 * `AvailableIpAddressCount`, instance placement, node providerIDs and labels, pod names
 * and owners. Linear in the number of ENIs, IPs and pods (the generator builds big ones).
 */
export function resolveScenario(file: ScenarioFile): Scenario {
  const problems: string[] = [];
  const warnings: string[] = [];
  const name = file.name ?? 'unnamed';

  const instanceTypes = new Map<string, Required<InstanceTypeSpec>>();
  for (const t of [...BUILTIN_INSTANCE_TYPES, ...(file.instanceTypes ?? [])]) {
    instanceTypes.set(t.name, normaliseInstanceType(t));
  }

  if (!Array.isArray(file.accounts) || file.accounts.length === 0) {
    throw new ScenarioError(name, [
      'the scenario needs at least one entry in `accounts`',
    ]);
  }

  const accounts: SimAccount[] = [];
  const regions: SimRegion[] = [];
  const subnetIndex = new Map<string, SubnetIndex>();
  const instancesById = new Map<string, SimInstance>();
  const accessKeys = new Set<string>();

  for (const account of file.accounts) {
    const accountId = String(account.id);
    if (!/^\d{12}$/.test(accountId)) {
      problems.push(`account id '${accountId}' is not 12 digits`);
    }
    const credentials = (account.credentials ?? []).map(c => {
      if (accessKeys.has(c.accessKeyId)) {
        problems.push(`access key ${c.accessKeyId} is listed twice`);
      }
      accessKeys.add(c.accessKeyId);
      const userName = c.userName ?? 'backstage';
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        accountId,
        arn: `arn:aws:iam::${accountId}:user/${userName}`,
        userId: `AIDA${stableHex(
          `${accountId}/${userName}`,
          17,
        ).toUpperCase()}`,
      };
    });
    accounts.push({
      id: accountId,
      alias: account.alias,
      credentials,
      roles: account.roles ?? [],
    });

    for (const regionSpec of account.regions ?? []) {
      const region: SimRegion = {
        accountId,
        region: regionSpec.name,
        vpcs: [],
        subnets: [],
        instances: [],
        networkInterfaces: [],
      };
      regions.push(region);
      const where = `${accountId}/${regionSpec.name}`;

      for (const vpcSpec of regionSpec.vpcs ?? []) {
        const vpcCidrs: Ipv4Cidr[] = [];
        for (const c of vpcSpec.cidrBlocks ?? []) {
          try {
            vpcCidrs.push(parseCidr(c));
          } catch (e) {
            problems.push(`${vpcSpec.id}: ${(e as Error).message}`);
          }
        }
        if (vpcCidrs.length === 0) {
          problems.push(`${where}: VPC ${vpcSpec.id} has no CIDR block`);
        }
        const vpc: SimVpc = {
          id: vpcSpec.id,
          accountId,
          region: regionSpec.name,
          cidrBlocks: vpcCidrs.map(c => c.text),
          isDefault: vpcSpec.isDefault ?? false,
          tags: vpcSpec.tags ?? {},
        };
        region.vpcs.push(vpc);
        const vpcSubnets: Ipv4Cidr[] = [];
        for (const s of vpcSpec.subnets ?? []) {
          let cidr: Ipv4Cidr;
          try {
            cidr = parseCidr(s.cidr);
          } catch (e) {
            problems.push(`${s.id}: ${(e as Error).message}`);
            continue;
          }
          if (cidr.prefixLength < 16 || cidr.prefixLength > 28) {
            problems.push(
              `${s.id}: EC2 subnets are /16 to /28, not /${cidr.prefixLength}`,
            );
          }
          if (!vpcCidrs.some(v => cidrContainsCidr(v, cidr))) {
            problems.push(
              `${s.id}: ${cidr.text} lies in none of the CIDR blocks of ${vpc.id}`,
            );
          }
          if (vpcSubnets.some(o => cidrsOverlap(o, cidr))) {
            problems.push(
              `${s.id}: ${cidr.text} overlaps another subnet of ${vpc.id}`,
            );
          }
          vpcSubnets.push(cidr);
          if (subnetIndex.has(s.id)) {
            problems.push(`subnet id ${s.id} is used twice`);
          }
          const subnet: SimSubnet = {
            id: s.id,
            vpcId: vpc.id,
            accountId,
            region: regionSpec.name,
            cidr: cidr.text,
            availabilityZone: s.availabilityZone,
            availabilityZoneId:
              s.availabilityZoneId ?? defaultAzId(s.availabilityZone),
            tags: s.tags ?? {},
            availableIpAddressCount: 0,
            cidrReservations: [],
          };
          for (const r of s.cidrReservations ?? []) {
            try {
              const rc = parseCidr(r.cidr);
              if (!cidrContainsCidr(cidr, rc)) {
                problems.push(
                  `${s.id}: reservation ${r.cidr} lies outside ${cidr.text}`,
                );
              }
              if (r.type !== 'prefix' && r.type !== 'explicit') {
                problems.push(
                  `${s.id}: reservation type must be prefix or explicit, not '${r.type}'`,
                );
              }
              subnet.cidrReservations.push({
                id: r.id ?? `scr-${stableHex(`${s.id}/${rc.text}`, 17)}`,
                subnetId: s.id,
                cidr: rc.text,
                type: r.type,
                description: r.description,
                ownerId: accountId,
              });
            } catch (e) {
              problems.push(`${s.id}: ${(e as Error).message}`);
            }
          }
          region.subnets.push(subnet);
          subnetIndex.set(s.id, {
            subnet,
            cidr,
            usedIps: new Map(),
            prefixes: new Map(),
          });
        }
      }

      const addEni = (
        spec: NetworkInterfaceSpec,
        instanceId?: string,
        position = 0,
      ) => {
        const entry = subnetIndex.get(spec.subnetId);
        if (
          !entry ||
          entry.subnet.accountId !== accountId ||
          entry.subnet.region !== regionSpec.name
        ) {
          problems.push(
            `${spec.id}: subnet ${spec.subnetId} does not exist in ${where}`,
          );
          return undefined;
        }
        const eni: SimNetworkInterface = {
          id: spec.id,
          accountId,
          region: regionSpec.name,
          subnetId: spec.subnetId,
          vpcId: entry.subnet.vpcId,
          availabilityZone: entry.subnet.availabilityZone,
          primaryIp: spec.primaryIp,
          secondaryIps: spec.secondaryIps ?? [],
          ipv4Prefixes: [],
          ipv6Prefixes: spec.ipv6Prefixes ?? [],
          interfaceType: spec.interfaceType ?? 'interface',
          description: spec.description ?? '',
          tags: spec.tags ?? {},
          status:
            spec.status ??
            (instanceId || spec.requesterId ? 'in-use' : 'available'),
          macAddress: spec.macAddress ?? stableMac(spec.id),
          requesterId: spec.requesterId,
          attachment: instanceId
            ? {
                attachmentId: `eni-attach-${stableHex(spec.id, 17)}`,
                instanceId,
                deviceIndex: spec.deviceIndex ?? position,
                networkCardIndex: spec.networkCardIndex ?? 0,
              }
            : undefined,
        };
        const claimIp = (text: string) => {
          let ip: number;
          try {
            ip = parseIpv4(text);
          } catch (e) {
            problems.push(`${spec.id}: ${(e as Error).message}`);
            return;
          }
          if (!cidrContainsIp(entry.cidr, ip)) {
            problems.push(
              `${spec.id}: ${text} lies outside its subnet ${entry.cidr.text}`,
            );
          } else if (isAwsReserved(entry.cidr, ip)) {
            problems.push(
              `${spec.id}: ${text} is an address AWS reserves in ${entry.cidr.text}`,
            );
          }
          const holder =
            entry.usedIps.get(ip) ?? entry.prefixes.get(ip - (ip % 16));
          if (holder) {
            problems.push(`${spec.id}: ${text} is already held by ${holder}`);
          }
          entry.usedIps.set(ip, spec.id);
        };
        claimIp(eni.primaryIp);
        eni.secondaryIps.forEach(claimIp);
        for (const p of spec.ipv4Prefixes ?? []) {
          try {
            const prefix = parseCidr(p);
            if (prefix.prefixLength !== 28) {
              problems.push(`${spec.id}: IPv4 prefix ${p} must be a /28`);
            }
            if (!cidrContainsCidr(entry.cidr, prefix)) {
              problems.push(
                `${spec.id}: prefix ${p} lies outside its subnet ${entry.cidr.text}`,
              );
            } else if (
              isAwsReserved(entry.cidr, prefix.base) ||
              isAwsReserved(entry.cidr, prefix.base + prefix.size - 1)
            ) {
              problems.push(
                `${spec.id}: prefix ${p} contains an address AWS reserves`,
              );
            }
            const holder =
              entry.prefixes.get(prefix.base) ??
              Array.from({ length: 16 }, (_, i) =>
                entry.usedIps.get(prefix.base + i),
              ).find(Boolean);
            if (holder) {
              problems.push(
                `${spec.id}: prefix ${p} overlaps addresses of ${holder}`,
              );
            }
            entry.prefixes.set(prefix.base, spec.id);
            eni.ipv4Prefixes.push(prefix.text);
          } catch (e) {
            problems.push(`${spec.id}: ${(e as Error).message}`);
          }
        }
        region.networkInterfaces.push(eni);
        return eni;
      };

      for (const inst of regionSpec.instances ?? []) {
        const type = instanceTypes.get(inst.instanceType);
        if (!type) {
          problems.push(
            `${inst.id}: unknown instance type ${inst.instanceType} (add it to instanceTypes)`,
          );
        }
        if (instancesById.has(inst.id)) {
          problems.push(`instance id ${inst.id} is used twice`);
        }
        const enis = (inst.networkInterfaces ?? [])
          .map((spec, i) => addEni(spec, inst.id, i))
          .filter((e): e is SimNetworkInterface => Boolean(e));
        const primary = enis.find(
          e =>
            e.attachment!.deviceIndex === 0 &&
            e.attachment!.networkCardIndex === 0,
        );
        if (!primary) {
          problems.push(
            `${inst.id}: no ENI with device index 0 on network card 0`,
          );
          continue;
        }
        if (enis.some(e => e.availabilityZone !== primary.availabilityZone)) {
          problems.push(
            `${inst.id}: all ENIs of an instance must be in its availability zone`,
          );
        }
        if (type) {
          checkEniLimits(inst.id, type, enis, problems);
        }
        const seenSlots = new Set<string>();
        for (const e of enis) {
          const slot = `${e.attachment!.networkCardIndex}/${
            e.attachment!.deviceIndex
          }`;
          if (seenSlots.has(slot)) {
            problems.push(
              `${inst.id}: two ENIs at network card/device index ${slot}`,
            );
          }
          seenSlots.add(slot);
        }
        const instance: SimInstance = {
          id: inst.id,
          accountId,
          region: regionSpec.name,
          instanceType: inst.instanceType,
          state: inst.state ?? 'running',
          launchTime: inst.launchTime ?? CREATED_AT,
          availabilityZone: primary.availabilityZone,
          subnetId: primary.subnetId,
          vpcId: primary.vpcId,
          privateIp: primary.primaryIp,
          tags: inst.tags ?? {},
          reservationId: `r-${stableHex(inst.id, 17)}`,
          networkInterfaces: enis.sort(
            (a, b) =>
              a.attachment!.networkCardIndex - b.attachment!.networkCardIndex ||
              a.attachment!.deviceIndex - b.attachment!.deviceIndex,
          ),
        };
        region.instances.push(instance);
        instancesById.set(inst.id, instance);
      }
      for (const spec of regionSpec.networkInterfaces ?? []) {
        addEni(spec);
      }
    }
  }

  // AvailableIpAddressCount exactly as EC2 derives it.
  for (const { subnet, cidr, usedIps, prefixes } of subnetIndex.values()) {
    subnet.availableIpAddressCount =
      cidr.size - 5 - usedIps.size - 16 * prefixes.size;
  }

  const seenEnis = new Set<string>();
  for (const r of regions) {
    for (const e of r.networkInterfaces) {
      if (seenEnis.has(e.id)) {
        problems.push(`ENI id ${e.id} is used twice`);
      }
      seenEnis.add(e.id);
    }
  }

  // Pods on their own branch ENI (security groups for pods) hold that ENI's primary IP, which
  // is expected to lie outside their node's secondary IPs and prefixes.
  const branchIps = new Set(
    regions.flatMap(r =>
      r.networkInterfaces
        .filter(e => e.interfaceType === 'branch')
        .map(e => `${r.accountId}/${r.region}/${e.primaryIp}`),
    ),
  );
  const clusters: SimCluster[] = [];
  const clusterNames = new Set<string>();
  for (const spec of file.clusters ?? []) {
    if (clusterNames.has(spec.name)) {
      problems.push(`cluster name ${spec.name} is used twice`);
    }
    clusterNames.add(spec.name);
    clusters.push(
      resolveCluster(
        spec,
        instancesById,
        instanceTypes,
        branchIps,
        problems,
        warnings,
      ),
    );
  }

  if (problems.length > 0) {
    throw new ScenarioError(name, problems);
  }
  return {
    name,
    description: file.description ?? '',
    instanceTypes: [...instanceTypes.values()],
    accounts,
    regions,
    clusters,
    faults: file.faults ?? [],
    warnings,
  };
}

function defaultAzId(az: string): string {
  // eu-west-1a → euw1-az1: the shape of real AZ ids (the real mapping differs per account).
  const m = /^([a-z]+)-([a-z]+)-(\d+)([a-z])$/.exec(az);
  if (!m) return `${az}-id`;
  const dir = m[2].replace(/(north|south|east|west|central)/g, d => d[0]);
  return `${m[1]}${dir}${m[3]}-az${m[4].charCodeAt(0) - 96}`;
}

function checkEniLimits(
  instanceId: string,
  type: Required<InstanceTypeSpec>,
  enis: SimNetworkInterface[],
  problems: string[],
) {
  if (enis.length > type.maxNetworkInterfaces) {
    problems.push(
      `${instanceId}: ${enis.length} ENIs but ${type.name} allows ${type.maxNetworkInterfaces}`,
    );
  }
  for (const card of type.networkCards) {
    const onCard = enis.filter(
      e => e.attachment!.networkCardIndex === card.index,
    ).length;
    if (onCard > card.maxNetworkInterfaces) {
      problems.push(
        `${instanceId}: ${onCard} ENIs on network card ${card.index}, ${type.name} allows ${card.maxNetworkInterfaces}`,
      );
    }
  }
  for (const e of enis) {
    const slots = 1 + e.secondaryIps.length + e.ipv4Prefixes.length;
    if (slots > type.ipv4AddressesPerInterface) {
      problems.push(
        `${e.id}: uses ${slots} IPv4 slots (primary + secondary IPs + prefixes) but ${type.name} has ${type.ipv4AddressesPerInterface} per interface`,
      );
    }
    if (e.ipv4Prefixes.length > 0 && type.hypervisor !== 'nitro') {
      problems.push(
        `${e.id}: prefixes need a Nitro instance type, ${type.name} is ${type.hypervisor}`,
      );
    }
  }
}

/** Max pods as the EKS max-pods calculator computes it (how-pod-ips-are-counted.md §4). */
export function maxPodsFor(
  type: Required<InstanceTypeSpec>,
  mode: 'secondary-ip' | 'prefix' | 'auto',
  customNetworking = false,
): number {
  const card = type.networkCards.find(
    c => c.index === type.defaultNetworkCardIndex,
  );
  const allEnis = card?.maxNetworkInterfaces ?? type.maxNetworkInterfaces;
  // Custom networking gives pods no addresses of the primary ENI.
  const enis = customNetworking ? allEnis - 1 : allEnis;
  if (mode === 'secondary-ip') {
    return enis * (type.ipv4AddressesPerInterface - 1) + 2;
  }
  const raw = enis * ((type.ipv4AddressesPerInterface - 1) * 16) + 2;
  if (mode === 'auto') return Math.min(raw, 110);
  return Math.min(raw, type.vcpus <= 30 ? 110 : 250);
}

function resolveCluster(
  spec: ClusterSpec,
  instances: Map<string, SimInstance>,
  instanceTypes: Map<string, Required<InstanceTypeSpec>>,
  branchIps: Set<string>,
  problems: string[],
  warnings: string[],
): SimCluster {
  const accountId = String(spec.account);
  const version = spec.kubernetesVersion ?? '1.32';
  const nodes: KubeObject[] = [];
  const nodeIps = new Map<string, string>();
  const nodeOwnedIps = new Map<
    string,
    { ips: Set<number>; prefixes: Set<number> }
  >();

  for (const n of spec.nodes ?? []) {
    const inst = instances.get(n.instanceId);
    if (!inst || inst.accountId !== accountId || inst.region !== spec.region) {
      problems.push(
        `cluster ${spec.name}: node instance ${n.instanceId} does not exist in ${accountId}/${spec.region}`,
      );
      continue;
    }
    const type = instanceTypes.get(inst.instanceType)!;
    const nodeName = n.name ?? inst.id;
    const usesPrefixes = inst.networkInterfaces.some(
      e => e.ipv4Prefixes.length > 0,
    );
    let mode: 'auto' | 'prefix' | 'secondary-ip' = usesPrefixes
      ? 'prefix'
      : 'secondary-ip';
    if (n.computeType === 'auto') mode = 'auto';
    const holdsPods = (e: SimNetworkInterface) =>
      e.ipv4Prefixes.length > 0 || e.secondaryIps.length > 0;
    const primaryEni = inst.networkInterfaces[0];
    const customNetworking =
      mode !== 'auto' &&
      !holdsPods(primaryEni) &&
      inst.networkInterfaces.some(
        e =>
          e !== primaryEni &&
          e.interfaceType === 'interface' &&
          holdsPods(e) &&
          e.subnetId !== primaryEni.subnetId,
      );
    const capacityPods = type ? maxPodsFor(type, mode, customNetworking) : 110;
    const owned = { ips: new Set<number>(), prefixes: new Set<number>() };
    for (const e of inst.networkInterfaces) {
      e.secondaryIps.forEach(ip => owned.ips.add(parseIpv4(ip)));
      e.ipv4Prefixes.forEach(p => owned.prefixes.add(parseCidr(p).base));
    }
    nodeOwnedIps.set(nodeName, owned);
    nodeIps.set(nodeName, inst.privateIp);
    const hostname = `ip-${inst.privateIp.replace(/\./g, '-')}.${
      spec.region
    }.compute.internal`;
    const labels: Tags = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/instance-type': inst.instanceType,
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': nodeName,
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': inst.instanceType,
      'topology.k8s.aws/zone-id': defaultAzId(inst.availabilityZone),
      'topology.kubernetes.io/region': spec.region,
      'topology.kubernetes.io/zone': inst.availabilityZone,
      ...(n.computeType
        ? { 'eks.amazonaws.com/compute-type': n.computeType }
        : {}),
      ...(n.nodepool ? { 'karpenter.sh/nodepool': n.nodepool } : {}),
      ...(n.nodegroup ? { 'eks.amazonaws.com/nodegroup': n.nodegroup } : {}),
      ...(n.labels ?? {}),
    };
    const resources = (pods: number) => ({
      cpu: `${type?.vcpus ?? 2}`,
      'ephemeral-storage': '20959212Ki',
      memory: `${(type?.memoryMiB ?? 8192) * 1024 - 500000}Ki`,
      pods: `${pods}`,
    });
    nodes.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: nodeName,
        uid: stableUuid(`${spec.name}/node/${nodeName}`),
        resourceVersion: '1000',
        creationTimestamp: inst.launchTime,
        labels,
        annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
      },
      spec: { providerID: `aws:///${inst.availabilityZone}/${inst.id}` },
      status: {
        capacity: resources(capacityPods),
        allocatable: resources(n.allocatablePods ?? capacityPods),
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastHeartbeatTime: CREATED_AT,
            lastTransitionTime: CREATED_AT,
          },
        ],
        addresses: [
          { type: 'InternalIP', address: inst.privateIp },
          { type: 'InternalDNS', address: hostname },
          { type: 'Hostname', address: hostname },
        ],
        nodeInfo: {
          architecture: 'amd64',
          bootID: stableUuid(`${inst.id}/boot`),
          containerRuntimeVersion: 'containerd://1.7.27',
          kernelVersion: '6.1.132-147.221.amzn2023.x86_64',
          kubeProxyVersion: `v${version}.0-eks-0000000`,
          kubeletVersion: `v${version}.0-eks-0000000`,
          machineID: stableHex(`${inst.id}/machine`, 32),
          operatingSystem: 'linux',
          osImage: 'Amazon Linux 2023.7.20250512',
          systemUUID: stableUuid(`${inst.id}/system`),
        },
      },
    });
  }

  const podSpecs: PodSpec[] = [...(spec.pods ?? [])];
  for (const w of spec.workloads ?? []) {
    podSpecs.push(...expandWorkload(w));
  }

  const pods: KubeObject[] = [];
  const activeIps = new Map<string, string>();
  const podKeys = new Set<string>();
  for (const p of podSpecs) {
    const key = `${p.namespace}/${p.name}`;
    if (podKeys.has(key)) {
      problems.push(`cluster ${spec.name}: pod ${key} is listed twice`);
    }
    podKeys.add(key);
    if (p.node && !nodeIps.has(p.node)) {
      problems.push(
        `cluster ${spec.name}: pod ${key} runs on unknown node ${p.node}`,
      );
      continue;
    }
    const phase: PodPhase = p.phase ?? (p.node ? 'Running' : 'Pending');
    const hostIp = p.node ? nodeIps.get(p.node) : undefined;
    const podIp = p.hostNetwork ? p.ip ?? hostIp : p.ip;
    if (podIp && !p.node) {
      problems.push(`cluster ${spec.name}: pod ${key} has an IP but no node`);
    }
    if (podIp && !p.hostNetwork) {
      let ip = -1;
      try {
        ip = parseIpv4(podIp);
      } catch (e) {
        problems.push(
          `cluster ${spec.name}: pod ${key}: ${(e as Error).message}`,
        );
      }
      const holdsIp = phase !== 'Succeeded' && phase !== 'Failed';
      if (holdsIp) {
        const other = activeIps.get(podIp);
        if (other) {
          problems.push(
            `cluster ${spec.name}: pods ${other} and ${key} both hold ${podIp}`,
          );
        }
        activeIps.set(podIp, key);
      }
      const owned = nodeOwnedIps.get(p.node!);
      if (
        owned &&
        ip >= 0 &&
        !owned.ips.has(ip) &&
        !owned.prefixes.has(ip - (ip % 16)) &&
        !branchIps.has(`${accountId}/${spec.region}/${podIp}`)
      ) {
        warnings.push(
          `cluster ${spec.name}: pod ${key} IP ${podIp} is in no secondary IP or prefix of node ${p.node} (unattributed)`,
        );
      }
    }
    pods.push(buildPod(spec.name, p, phase, podIp, hostIp));
  }

  const byKey = (o: KubeObject) =>
    `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  nodes.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  pods.sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1));

  let awsIam: SimCluster['awsIam'];
  const iam = spec.auth?.awsIam;
  if (iam === true) {
    awsIam = { accounts: [accountId], clusterId: spec.name };
  } else if (iam && typeof iam === 'object') {
    awsIam = {
      accounts: (iam.accounts ?? [accountId]).map(String),
      clusterId: iam.clusterId ?? spec.name,
    };
  }
  return {
    name: spec.name,
    accountId,
    region: spec.region,
    kubernetesVersion: version,
    serviceAccountTokens: spec.auth?.serviceAccountTokens ?? [],
    awsIam,
    nodes,
    pods,
    controllers: deriveControllers(spec.name, pods),
    namespaces: [
      ...new Set([
        'default',
        'kube-system',
        ...pods.map(p => p.metadata.namespace!),
      ]),
    ].sort(),
  };
}

/** Expands a workload into pods named and owned the way its controller would. */
export function expandWorkload(w: WorkloadSpec): PodSpec[] {
  const seed = `${w.namespace}/${w.name}`;
  const baseLabels: Tags = { ...(w.labels ?? {}) };
  return w.pods.map((p, i) => {
    let name: string;
    let owner: PodSpec['owner'];
    const labels: Tags = { ...baseLabels };
    switch (w.kind) {
      case 'Deployment': {
        const hash = kubeSuffix(`${seed}/rs`, 9);
        name = `${w.name}-${hash}-${kubeSuffix(`${seed}/${i}`, 5)}`;
        owner = {
          kind: 'ReplicaSet',
          name: `${w.name}-${hash}`,
          apiVersion: 'apps/v1',
        };
        labels['pod-template-hash'] = hash;
        break;
      }
      case 'StatefulSet':
        name = `${w.name}-${i}`;
        owner = { kind: 'StatefulSet', name: w.name, apiVersion: 'apps/v1' };
        labels['statefulset.kubernetes.io/pod-name'] = name;
        break;
      case 'CronJob': {
        const job = `${w.name}-${29450000 + (p.run ?? 0) * 60}`;
        name = `${job}-${kubeSuffix(`${seed}/${i}`, 5)}`;
        owner = { kind: 'Job', name: job, apiVersion: 'batch/v1' };
        labels['batch.kubernetes.io/job-name'] = job;
        labels['job-name'] = job;
        break;
      }
      case 'Job':
        name = `${w.name}-${kubeSuffix(`${seed}/${i}`, 5)}`;
        owner = { kind: 'Job', name: w.name, apiVersion: 'batch/v1' };
        labels['batch.kubernetes.io/job-name'] = w.name;
        labels['job-name'] = w.name;
        break;
      default:
        name = `${w.name}-${kubeSuffix(`${seed}/${i}`, 5)}`;
        owner = { kind: w.kind, name: w.name, apiVersion: 'apps/v1' };
        if (w.kind === 'DaemonSet') {
          labels['controller-revision-hash'] = kubeSuffix(`${seed}/rev`, 10);
        }
    }
    return {
      namespace: w.namespace,
      name: p.name ?? name,
      node: p.node,
      ip: p.ip,
      phase: p.phase,
      hostNetwork: w.hostNetwork,
      labels,
      owner,
      image: w.image,
    };
  });
}

function buildPod(
  cluster: string,
  p: PodSpec,
  phase: PodPhase,
  podIp: string | undefined,
  hostIp: string | undefined,
): KubeObject {
  const container = p.name
    .replace(/-[a-z0-9]{5}$/, '')
    .replace(/-[a-z0-9]{9,10}$/, '');
  const image =
    p.image ?? `public.ecr.aws/demo/${p.owner?.name ?? container}:1.0.0`;
  const isJob = p.owner?.kind === 'Job';
  const terminated =
    phase === 'Succeeded'
      ? {
          exitCode: 0,
          reason: 'Completed',
          startedAt: CREATED_AT,
          finishedAt: CREATED_AT,
        }
      : {
          exitCode: 1,
          reason: 'Error',
          startedAt: CREATED_AT,
          finishedAt: CREATED_AT,
        };
  const containerStatus = (() => {
    const base = {
      name: 'app',
      image,
      imageID: `${image.split(':')[0]}@sha256:${stableHex(image, 64)}`,
      restartCount: 0,
    };
    // A container that has started (running or finished) has an id.
    const containerID = `containerd://${stableHex(
      `${cluster}/${p.namespace}/${p.name}`,
      64,
    )}`;
    switch (phase) {
      case 'Running':
        return {
          ...base,
          containerID,
          ready: true,
          started: true,
          state: { running: { startedAt: CREATED_AT } },
        };
      case 'Succeeded':
      case 'Failed':
        return {
          ...base,
          containerID,
          ready: false,
          started: false,
          state: { terminated },
        };
      default:
        return {
          ...base,
          ready: false,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
        };
    }
  })();
  const ready = phase === 'Running' ? 'True' : 'False';
  const conditions = p.node
    ? [
        {
          type: 'PodReadyToStartContainers',
          status: podIp ? 'True' : 'False',
          lastTransitionTime: CREATED_AT,
        },
        { type: 'Initialized', status: 'True', lastTransitionTime: CREATED_AT },
        { type: 'Ready', status: ready, lastTransitionTime: CREATED_AT },
        {
          type: 'ContainersReady',
          status: ready,
          lastTransitionTime: CREATED_AT,
        },
        {
          type: 'PodScheduled',
          status: 'True',
          lastTransitionTime: CREATED_AT,
        },
      ]
    : [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message:
            '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available.',
          lastTransitionTime: CREATED_AT,
        },
      ];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: stableUuid(`${cluster}/pod/${p.namespace}/${p.name}`),
      resourceVersion: '1000',
      creationTimestamp: CREATED_AT,
      labels: p.labels ?? {},
      ...(p.annotations ? { annotations: p.annotations } : {}),
      ...(p.owner
        ? {
            ownerReferences: [
              {
                apiVersion: p.owner.apiVersion ?? 'apps/v1',
                kind: p.owner.kind,
                name: p.owner.name,
                uid: ownerUid(cluster, p.namespace, p.owner.kind, p.owner.name),
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image,
          imagePullPolicy: 'IfNotPresent',
          resources: {
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { memory: '256Mi' },
          },
        },
      ],
      dnsPolicy: p.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      ...(p.node ? { nodeName: p.node } : {}),
      restartPolicy: isJob ? 'Never' : 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      phase,
      conditions,
      ...(hostIp ? { hostIP: hostIp, hostIPs: [{ ip: hostIp }] } : {}),
      ...(podIp ? { podIP: podIp, podIPs: [{ ip: podIp }] } : {}),
      ...(p.node ? { startTime: CREATED_AT } : {}),
      containerStatuses: p.node ? [containerStatus] : undefined,
      qosClass: 'Burstable',
    },
  };
}
