import { InstanceTypeSpec } from '../../../scenario/types';
import { AwsError } from '../../errors';
import { el, itemSet } from '../../xml';
import { applyFilters, FilterTable } from '../filters';
import { paginate } from '../pagination';
import {
  isCurrentGeneration,
  renderInstanceType,
} from '../render/instanceType';
import { Ec2Request } from '../request';

type InstanceType = Required<InstanceTypeSpec>;

const INSTANCE_TYPE_FILTERS: FilterTable<InstanceType> = {
  'instance-type': t => [t.name],
  hypervisor: t => [t.hypervisor],
  'current-generation': t => [isCurrentGeneration(t.name)],
  'vcpu-info.default-vcpus': t => [t.vcpus],
  'network-info.maximum-network-interfaces': t => [t.maxNetworkInterfaces],
  'network-info.ipv4-addresses-per-interface': t => [
    t.ipv4AddressesPerInterface,
  ],
  'network-info.maximum-network-cards': t => [t.networkCards.length],
  'bare-metal': () => [false],
};

/** The named types (unknown names fail the call) or all of them, ordered by name. */
function chooseTypes(req: Ec2Request): InstanceType[] {
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
  return chosen.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function describeInstanceTypes(req: Ec2Request): string {
  const filtered = applyFilters(
    chooseTypes(req),
    req.params,
    INSTANCE_TYPE_FILTERS,
  );
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
