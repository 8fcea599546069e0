import { InstanceTypeSpec } from '../../../scenario/types';
import { el, itemSet, raw } from '../../xml';

/** Older generations, as `current-generation` and `CurrentGeneration` report them. */
export function isCurrentGeneration(name: string): boolean {
  return !/^(m4|t2|c4)\./.test(name);
}

function networkPerformance(vcpus: number): string {
  if (vcpus >= 64) return '100 Gigabit';
  if (vcpus >= 16) return '10 Gigabit';
  return 'Up to 10 Gigabit';
}

function renderNetworkInfo(t: Required<InstanceTypeSpec>): string {
  const perf = networkPerformance(t.vcpus);
  return raw(
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
  );
}

export function renderInstanceType(t: Required<InstanceTypeSpec>): string {
  return (
    el('instanceType', t.name) +
    el('currentGeneration', isCurrentGeneration(t.name)) +
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
    renderNetworkInfo(t) +
    el('hibernationSupported', false) +
    el('burstablePerformanceSupported', t.name.startsWith('t')) +
    el('dedicatedHostsSupported', true) +
    el('autoRecoverySupported', true)
  );
}
