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

import { createHash } from 'node:crypto';
import { stableHex } from '../scenario/ids';
import {
  InstanceTypeSpec,
  SimInstance,
  SimNetworkInterface,
  SimRegion,
  SimSubnet,
  SimVpc,
  SimCidrReservation,
  Tags,
} from '../scenario/types';
import { AwsError, ec2Errors } from './errors';
import { QueryParams } from './queryParams';
import { el, itemSet, raw, tagSet } from './xml';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
export const EC2_ACTIONS = [
  'DescribeInstances',
  'DescribeNetworkInterfaces',
  'DescribeSubnets',
  'DescribeInstanceTypes',
  'GetSubnetCidrReservations',
  'DescribeVpcs',
] as const;

export interface Ec2Request {
  action: string;
  params: QueryParams;
  accountId: string;
  regionName: string;
  /** What this account has in this region (undefined: nothing). */
  region: SimRegion | undefined;
  instanceTypes: Array<Required<InstanceTypeSpec>>;
}

/** Returns the inner XML of `<ActionResponse>` (after `<requestId>`). */
export function handleEc2Action(req: Ec2Request): string {
  if (req.params.get('DryRun') === 'true') {
    throw ec2Errors.dryRun();
  }
  switch (req.action) {
    case 'DescribeInstances':
      return describeInstances(req);
    case 'DescribeNetworkInterfaces':
      return describeNetworkInterfaces(req);
    case 'DescribeSubnets':
      return describeSubnets(req);
    case 'DescribeVpcs':
      return describeVpcs(req);
    case 'DescribeInstanceTypes':
      return describeInstanceTypes(req);
    case 'GetSubnetCidrReservations':
      return getSubnetCidrReservations(req);
    default:
      throw ec2Errors.invalidAction(req.action);
  }
}

// ---------------------------------------------------------------------------
// Filters and pagination

type Extractor<T> = (item: T) => Array<string | number | boolean | undefined>;
type FilterTable<T> = Record<string, Extractor<T>>;

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** EC2 semantics: filters AND together, a filter's values OR, `*` and `?` are wildcards. */
function applyFilters<T>(
  items: T[],
  params: QueryParams,
  table: FilterTable<T>,
  tagsOf?: (item: T) => Tags,
): T[] {
  const filters = params.filters().map(f => {
    let extract: Extractor<T> | undefined = table[f.name];
    if (!extract && tagsOf) {
      if (f.name.startsWith('tag:')) {
        const key = f.name.slice(4);
        extract = item => [tagsOf(item)[key]];
      } else if (f.name === 'tag-key') {
        extract = item => Object.keys(tagsOf(item));
      } else if (f.name === 'tag-value') {
        extract = item => Object.values(tagsOf(item));
      }
    }
    if (!extract) {
      throw ec2Errors.invalidParameterValue(
        `The filter '${f.name}' is invalid`,
      );
    }
    return { extract, patterns: f.values.map(wildcard) };
  });
  if (filters.length === 0) return items;
  return items.filter(item =>
    filters.every(({ extract, patterns }) => {
      const values = extract(item)
        .filter(v => v !== undefined)
        .map(String);
      return values.some(v => patterns.some(p => p.test(v)));
    }),
  );
}

interface PageRules {
  min: number;
  max: number;
  /** Page size when MaxResults is absent (default: everything). */
  defaultMax?: number;
  /** The id-list parameter that cannot be combined with MaxResults, and its EC2 name. */
  exclusiveIds?: { present: boolean; name: string };
}

function fingerprint(req: Ec2Request): string {
  const keys = req.params
    .keys()
    .filter(k => k !== 'NextToken' && k !== 'MaxResults')
    .sort()
    .map(k => `${k}=${req.params.get(k)}`)
    .join('&');
  return createHash('sha256')
    .update(`${req.accountId}/${req.regionName}/${keys}`)
    .digest('hex')
    .slice(0, 12);
}

function paginate<T>(
  req: Ec2Request,
  items: T[],
  rules: PageRules,
): { page: T[]; nextToken?: string } {
  const maxText = req.params.get('MaxResults');
  const tokenText = req.params.get('NextToken');
  let max: number | undefined;
  if (maxText !== undefined) {
    if (rules.exclusiveIds?.present) {
      throw ec2Errors.invalidParameterCombination(
        `The parameter ${rules.exclusiveIds.name} cannot be used with the parameter maxResults`,
      );
    }
    if (!/^-?\d+$/.test(maxText)) {
      throw ec2Errors.invalidParameterValue(
        `Invalid value '${maxText}' for maxResults`,
      );
    }
    max = Number(maxText);
    if (max < rules.min) {
      throw ec2Errors.invalidParameterValue(
        `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value greater than ${rules.min}.`,
      );
    }
    if (max > rules.max) {
      throw ec2Errors.invalidParameterValue(
        `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value less than ${rules.max}.`,
      );
    }
  }
  let offset = 0;
  if (tokenText) {
    let decoded: { a?: string; o?: number; f?: string } | undefined;
    try {
      decoded = JSON.parse(
        Buffer.from(tokenText, 'base64url').toString('utf8'),
      );
    } catch {
      decoded = undefined;
    }
    if (
      !decoded ||
      decoded.a !== req.action ||
      decoded.f !== fingerprint(req) ||
      typeof decoded.o !== 'number'
    ) {
      throw new AwsError(
        'InvalidPaginationToken',
        'The specified pagination token is not valid or is expired.',
      );
    }
    offset = decoded.o;
  }
  const size = max ?? rules.defaultMax ?? items.length;
  const end = Math.min(items.length, offset + size);
  const page = items.slice(offset, end);
  const nextToken =
    end < items.length
      ? Buffer.from(
          JSON.stringify({ a: req.action, o: end, f: fingerprint(req) }),
        ).toString('base64url')
      : undefined;
  return { page, nextToken };
}

/** Resolves an explicit id list; unknown ids fail the whole call, as EC2 does. */
function byIds<T extends { id: string }>(
  items: T[],
  ids: string[],
  onMissing: (missing: string[]) => AwsError,
): T[] {
  if (ids.length === 0) return items;
  const index = new Map(items.map(i => [i.id, i]));
  const missing = ids.filter(id => !index.has(id));
  if (missing.length > 0) throw onMissing(missing);
  return [...new Set(ids)].map(id => index.get(id)!);
}

function notFound(code: string, what: string) {
  return (missing: string[]) =>
    new AwsError(
      code,
      missing.length === 1
        ? `The ${what} ID '${missing[0]}' does not exist`
        : `The ${what} IDs '${missing.join(', ')}' do not exist`,
    );
}

// ---------------------------------------------------------------------------
// Renderers (element names as EC2 2016-11-15 spells them)

const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

function privateDnsName(ip: string, region: string): string {
  return `ip-${ip.replace(/\./g, '-')}.${
    region === 'us-east-1' ? 'ec2' : `${region}.compute`
  }.internal`;
}

function groupSet(eni: { vpcId: string; accountId: string }): string {
  return itemSet(
    'groupSet',
    [eni.vpcId],
    vpcId =>
      el('groupId', `sg-${stableHex(`${vpcId}/default`, 17)}`) +
      el('groupName', 'default'),
  );
}

function privateIps(eni: SimNetworkInterface): string {
  return itemSet(
    'privateIpAddressesSet',
    [eni.primaryIp, ...eni.secondaryIps],
    ip =>
      el('privateIpAddress', ip) +
      el('privateDnsName', privateDnsName(ip, eni.region)) +
      el('primary', ip === eni.primaryIp),
  );
}

function prefixes(eni: SimNetworkInterface): string {
  return (
    (eni.ipv4Prefixes.length
      ? itemSet('ipv4PrefixSet', eni.ipv4Prefixes, p => el('ipv4Prefix', p))
      : '') +
    (eni.ipv6Prefixes.length
      ? itemSet('ipv6PrefixSet', eni.ipv6Prefixes, p => el('ipv6Prefix', p))
      : '')
  );
}

function renderInstanceEni(
  eni: SimNetworkInterface,
  launchTime: string,
): string {
  const a = eni.attachment!;
  return (
    el('networkInterfaceId', eni.id) +
    el('subnetId', eni.subnetId) +
    el('vpcId', eni.vpcId) +
    el('description', eni.description) +
    el('ownerId', eni.accountId) +
    el('status', eni.status) +
    el('macAddress', eni.macAddress) +
    el('privateIpAddress', eni.primaryIp) +
    el('privateDnsName', privateDnsName(eni.primaryIp, eni.region)) +
    el('sourceDestCheck', true) +
    groupSet(eni) +
    raw(
      'attachment',
      el('attachmentId', a.attachmentId) +
        el('deviceIndex', a.deviceIndex) +
        el('status', 'attached') +
        el('attachTime', launchTime) +
        el('deleteOnTermination', a.deviceIndex === 0) +
        el('networkCardIndex', a.networkCardIndex),
    ) +
    privateIps(eni) +
    prefixes(eni) +
    el('interfaceType', eni.interfaceType)
  );
}

function renderInstance(i: SimInstance): string {
  return (
    el('instanceId', i.id) +
    el('imageId', `ami-${stableHex(i.instanceType, 17)}`) +
    raw(
      'instanceState',
      el('code', STATE_CODES[i.state] ?? 16) + el('name', i.state),
    ) +
    el('privateDnsName', privateDnsName(i.privateIp, i.region)) +
    el('dnsName', '') +
    el('amiLaunchIndex', 0) +
    el('instanceType', i.instanceType) +
    el('launchTime', i.launchTime) +
    raw(
      'placement',
      el('availabilityZone', i.availabilityZone) +
        el('groupName', '') +
        el('tenancy', 'default'),
    ) +
    raw('monitoring', el('state', 'disabled')) +
    el('subnetId', i.subnetId) +
    el('vpcId', i.vpcId) +
    el('privateIpAddress', i.privateIp) +
    el('sourceDestCheck', true) +
    groupSet(i) +
    el('architecture', 'x86_64') +
    el('rootDeviceType', 'ebs') +
    el('rootDeviceName', '/dev/xvda') +
    el('virtualizationType', 'hvm') +
    (Object.keys(i.tags).length ? tagSet(i.tags) : '') +
    el('hypervisor', 'xen') +
    itemSet('networkInterfaceSet', i.networkInterfaces, e =>
      renderInstanceEni(e, i.launchTime),
    ) +
    el('ebsOptimized', true) +
    el('enaSupport', true)
  );
}

function renderNetworkInterface(
  eni: SimNetworkInterface,
  instanceTimes: Map<string, string>,
): string {
  const a = eni.attachment;
  return (
    el('networkInterfaceId', eni.id) +
    el('subnetId', eni.subnetId) +
    el('vpcId', eni.vpcId) +
    el('availabilityZone', eni.availabilityZone) +
    el('description', eni.description) +
    el('ownerId', eni.accountId) +
    el('requesterId', eni.requesterId) +
    el('requesterManaged', Boolean(eni.requesterId)) +
    el('status', eni.status) +
    el('macAddress', eni.macAddress) +
    el('privateIpAddress', eni.primaryIp) +
    el('privateDnsName', privateDnsName(eni.primaryIp, eni.region)) +
    el('sourceDestCheck', true) +
    groupSet(eni) +
    (a
      ? raw(
          'attachment',
          el('attachmentId', a.attachmentId) +
            el('instanceId', a.instanceId) +
            el('instanceOwnerId', eni.accountId) +
            el('deviceIndex', a.deviceIndex) +
            el('networkCardIndex', a.networkCardIndex) +
            el('status', 'attached') +
            el('attachTime', instanceTimes.get(a.instanceId)) +
            el('deleteOnTermination', a.deviceIndex === 0),
        )
      : '') +
    tagSet(eni.tags) +
    privateIps(eni) +
    prefixes(eni) +
    itemSet('ipv6AddressesSet', [], () => '') +
    el('interfaceType', eni.interfaceType)
  );
}

function renderSubnet(s: SimSubnet): string {
  return (
    el('subnetId', s.id) +
    el('subnetArn', `arn:aws:ec2:${s.region}:${s.accountId}:subnet/${s.id}`) +
    el('state', 'available') +
    el('vpcId', s.vpcId) +
    el('cidrBlock', s.cidr) +
    itemSet('ipv6CidrBlockAssociationSet', [], () => '') +
    el('availableIpAddressCount', s.availableIpAddressCount) +
    el('availabilityZone', s.availabilityZone) +
    el('availabilityZoneId', s.availabilityZoneId) +
    el('defaultForAz', false) +
    el('mapPublicIpOnLaunch', false) +
    el('assignIpv6AddressOnCreation', false) +
    el('ownerId', s.accountId) +
    (Object.keys(s.tags).length ? tagSet(s.tags) : '')
  );
}

function renderVpc(v: SimVpc): string {
  return (
    el('vpcId', v.id) +
    el('ownerId', v.accountId) +
    el('state', 'available') +
    el('cidrBlock', v.cidrBlocks[0]) +
    itemSet(
      'cidrBlockAssociationSet',
      v.cidrBlocks,
      c =>
        el('cidrBlock', c) +
        el('associationId', `vpc-cidr-assoc-${stableHex(`${v.id}/${c}`, 17)}`) +
        raw('cidrBlockState', el('state', 'associated')),
    ) +
    el('dhcpOptionsId', `dopt-${stableHex(v.id, 17)}`) +
    el('instanceTenancy', 'default') +
    el('isDefault', v.isDefault) +
    (Object.keys(v.tags).length ? tagSet(v.tags) : '')
  );
}

function renderInstanceType(t: Required<InstanceTypeSpec>): string {
  let perf = 'Up to 10 Gigabit';
  if (t.vcpus >= 64) perf = '100 Gigabit';
  else if (t.vcpus >= 16) perf = '10 Gigabit';
  return (
    el('instanceType', t.name) +
    el('currentGeneration', !/^(m4|t2|c4)\./.test(t.name)) +
    el('freeTierEligible', false) +
    itemSet('supportedUsageClasses', ['on-demand', 'spot'], u => u) +
    itemSet('supportedRootDeviceTypes', ['ebs'], u => u) +
    itemSet('supportedVirtualizationTypes', ['hvm'], u => u) +
    el('bareMetal', false) +
    el('hypervisor', t.hypervisor) +
    raw(
      'processorInfo',
      itemSet('supportedArchitectures', ['x86_64'], a => a),
    ) +
    raw(
      'vCpuInfo',
      el('defaultVCpus', t.vcpus) +
        el('defaultCores', Math.max(1, t.vcpus / 2)) +
        el('defaultThreadsPerCore', t.vcpus > 1 ? 2 : 1),
    ) +
    raw('memoryInfo', el('sizeInMiB', t.memoryMiB)) +
    el('instanceStorageSupported', false) +
    raw(
      'networkInfo',
      el('networkPerformance', perf) +
        el('maximumNetworkInterfaces', t.maxNetworkInterfaces) +
        el('maximumNetworkCards', t.networkCards.length) +
        el('defaultNetworkCardIndex', t.defaultNetworkCardIndex) +
        itemSet(
          'networkCards',
          t.networkCards,
          c =>
            el('networkCardIndex', c.index) +
            el('networkPerformance', perf) +
            el('maximumNetworkInterfaces', c.maxNetworkInterfaces),
        ) +
        el('ipv4AddressesPerInterface', t.ipv4AddressesPerInterface) +
        el('ipv6AddressesPerInterface', t.ipv6AddressesPerInterface) +
        el('ipv6Supported', true) +
        el('enaSupport', t.hypervisor === 'nitro' ? 'required' : 'supported') +
        el('efaSupported', false) +
        el('encryptionInTransitSupported', t.hypervisor === 'nitro'),
    ) +
    el('hibernationSupported', false) +
    el('burstablePerformanceSupported', t.name.startsWith('t')) +
    el('dedicatedHostsSupported', true) +
    el('autoRecoverySupported', true)
  );
}

function renderReservation(r: SimCidrReservation): string {
  return (
    el('subnetCidrReservationId', r.id) +
    el('subnetId', r.subnetId) +
    el('cidr', r.cidr) +
    el('reservationType', r.type) +
    el('ownerId', r.ownerId) +
    el('description', r.description)
  );
}

// ---------------------------------------------------------------------------
// Actions

const ENI_IPS = (e: SimNetworkInterface) => [e.primaryIp, ...e.secondaryIps];

function describeInstances(req: Ec2Request): string {
  const ids = req.params.list('InstanceId');
  const all = req.region?.instances ?? [];
  for (const id of ids) {
    if (!/^i-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id)) {
      throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
    }
  }
  const chosen = byIds(
    all,
    ids,
    notFound('InvalidInstanceID.NotFound', 'instance'),
  );
  const filtered = applyFilters(
    chosen,
    req.params,
    {
      'instance-id': i => [i.id],
      'instance-type': i => [i.instanceType],
      'instance-state-name': i => [i.state],
      'instance-state-code': i => [STATE_CODES[i.state]],
      'availability-zone': i => [i.availabilityZone],
      'subnet-id': i => [i.subnetId],
      'vpc-id': i => [i.vpcId],
      'private-ip-address': i => [i.privateIp],
      'private-dns-name': i => [privateDnsName(i.privateIp, i.region)],
      'reservation-id': i => [i.reservationId],
      'owner-id': i => [i.accountId],
      'network-interface.network-interface-id': i =>
        i.networkInterfaces.map(e => e.id),
      'network-interface.subnet-id': i =>
        i.networkInterfaces.map(e => e.subnetId),
      'network-interface.vpc-id': i => i.networkInterfaces.map(e => e.vpcId),
      'network-interface.addresses.private-ip-address': i =>
        i.networkInterfaces.flatMap(ENI_IPS),
      'network-interface.attachment.device-index': i =>
        i.networkInterfaces.map(e => e.attachment!.deviceIndex),
    },
    i => i.tags,
  );
  const { page, nextToken } = paginate(req, filtered, {
    min: 5,
    max: 1000,
    exclusiveIds: { present: ids.length > 0, name: 'instancesSet' },
  });
  return (
    itemSet(
      'reservationSet',
      page,
      i =>
        el('reservationId', i.reservationId) +
        el('ownerId', i.accountId) +
        itemSet('groupSet', [], () => '') +
        itemSet('instancesSet', [i], renderInstance),
    ) + el('nextToken', nextToken)
  );
}

function describeNetworkInterfaces(req: Ec2Request): string {
  const ids = req.params.list('NetworkInterfaceId');
  const all = req.region?.networkInterfaces ?? [];
  const chosen = byIds(
    all,
    ids,
    notFound('InvalidNetworkInterfaceID.NotFound', 'networkInterface'),
  );
  const filtered = applyFilters(
    chosen,
    req.params,
    {
      'network-interface-id': e => [e.id],
      'subnet-id': e => [e.subnetId],
      'vpc-id': e => [e.vpcId],
      'availability-zone': e => [e.availabilityZone],
      'attachment.instance-id': e => [e.attachment?.instanceId],
      'attachment.instance-owner-id': e => [
        e.attachment ? e.accountId : undefined,
      ],
      'attachment.device-index': e => [e.attachment?.deviceIndex],
      'attachment.network-card-index': e => [e.attachment?.networkCardIndex],
      'attachment.attachment-id': e => [e.attachment?.attachmentId],
      'attachment.status': e => [e.attachment ? 'attached' : undefined],
      'interface-type': e => [e.interfaceType],
      status: e => [e.status],
      description: e => [e.description],
      'private-ip-address': e => ENI_IPS(e),
      'addresses.private-ip-address': e => ENI_IPS(e),
      'addresses.primary': e => [true, ...e.secondaryIps.map(() => false)],
      'mac-address': e => [e.macAddress],
      'owner-id': e => [e.accountId],
      'requester-id': e => [e.requesterId],
      'requester-managed': e => [Boolean(e.requesterId)],
      'source-dest-check': () => [true],
      'ipv4-prefix': e => e.ipv4Prefixes,
    },
    e => e.tags,
  );
  const { page, nextToken } = paginate(req, filtered, {
    min: 5,
    max: 1000,
    exclusiveIds: { present: ids.length > 0, name: 'networkInterfaceIdSet' },
  });
  const launchTimes = new Map(
    (req.region?.instances ?? []).map(i => [i.id, i.launchTime]),
  );
  return (
    itemSet('networkInterfaceSet', page, e =>
      renderNetworkInterface(e, launchTimes),
    ) + el('nextToken', nextToken)
  );
}

function describeSubnets(req: Ec2Request): string {
  const ids = req.params.list('SubnetId');
  const chosen = byIds(
    req.region?.subnets ?? [],
    ids,
    notFound('InvalidSubnetID.NotFound', 'subnet'),
  );
  const filtered = applyFilters(
    chosen,
    req.params,
    {
      'subnet-id': s => [s.id],
      'vpc-id': s => [s.vpcId],
      'cidr-block': s => [s.cidr],
      cidr: s => [s.cidr],
      cidrBlock: s => [s.cidr],
      'availability-zone': s => [s.availabilityZone],
      availabilityZone: s => [s.availabilityZone],
      'availability-zone-id': s => [s.availabilityZoneId],
      'available-ip-address-count': s => [s.availableIpAddressCount],
      'default-for-az': () => [false],
      state: () => ['available'],
      'owner-id': s => [s.accountId],
      'subnet-arn': s => [
        `arn:aws:ec2:${s.region}:${s.accountId}:subnet/${s.id}`,
      ],
    },
    s => s.tags,
  );
  const { page, nextToken } = paginate(req, filtered, { min: 5, max: 1000 });
  return itemSet('subnetSet', page, renderSubnet) + el('nextToken', nextToken);
}

function describeVpcs(req: Ec2Request): string {
  const ids = req.params.list('VpcId');
  const chosen = byIds(
    req.region?.vpcs ?? [],
    ids,
    notFound('InvalidVpcID.NotFound', 'vpc'),
  );
  const filtered = applyFilters(
    chosen,
    req.params,
    {
      'vpc-id': v => [v.id],
      cidr: v => [v.cidrBlocks[0]],
      'cidr-block-association.cidr-block': v => v.cidrBlocks,
      'cidr-block-association.state': () => ['associated'],
      'is-default': v => [v.isDefault],
      state: () => ['available'],
      'owner-id': v => [v.accountId],
    },
    v => v.tags,
  );
  const { page, nextToken } = paginate(req, filtered, { min: 5, max: 1000 });
  return itemSet('vpcSet', page, renderVpc) + el('nextToken', nextToken);
}

function describeInstanceTypes(req: Ec2Request): string {
  const names = req.params.list('InstanceType');
  const byName = new Map(req.instanceTypes.map(t => [t.name, t]));
  const missing = names.filter(n => !byName.has(n));
  if (missing.length > 0) {
    throw new AwsError(
      'InvalidInstanceType',
      `The following supplied instance types do not exist: [${missing.join(
        ', ',
      )}]`,
    );
  }
  const chosen = names.length
    ? [...new Set(names)].map(n => byName.get(n)!)
    : [...req.instanceTypes];
  chosen.sort((a, b) => (a.name < b.name ? -1 : 1));
  const filtered = applyFilters(chosen, req.params, {
    'instance-type': t => [t.name],
    hypervisor: t => [t.hypervisor],
    'current-generation': t => [!/^(m4|t2|c4)\./.test(t.name)],
    'vcpu-info.default-vcpus': t => [t.vcpus],
    'network-info.maximum-network-interfaces': t => [t.maxNetworkInterfaces],
    'network-info.ipv4-addresses-per-interface': t => [
      t.ipv4AddressesPerInterface,
    ],
    'network-info.maximum-network-cards': t => [t.networkCards.length],
    'bare-metal': () => [false],
  });
  // DescribeInstanceTypes takes at most 100 per page, with or without explicit names.
  const { page, nextToken } = paginate(req, filtered, {
    min: 5,
    max: 100,
    defaultMax: 100,
  });
  return (
    itemSet('instanceTypeSet', page, renderInstanceType) +
    el('nextToken', nextToken)
  );
}

function getSubnetCidrReservations(req: Ec2Request): string {
  const subnetId = req.params.get('SubnetId');
  if (!subnetId) throw ec2Errors.missingParameter('SubnetId');
  const subnet = req.region?.subnets.find(s => s.id === subnetId);
  if (!subnet) throw notFound('InvalidSubnetID.NotFound', 'subnet')([subnetId]);
  const filtered = applyFilters(subnet.cidrReservations, req.params, {
    reservationType: r => [r.type],
    'subnet-id': r => [r.subnetId],
    'owner-id': r => [r.ownerId],
  });
  const { page, nextToken } = paginate(req, filtered, { min: 5, max: 1000 });
  return (
    itemSet('subnetIpv4CidrReservationSet', page, renderReservation) +
    itemSet('subnetIpv6CidrReservationSet', [], () => '') +
    el('nextToken', nextToken)
  );
}
