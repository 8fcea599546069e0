import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  Filter,
  GetSubnetCidrReservationsCommand,
  Instance,
  InstanceTypeInfo,
  NetworkInterface,
  Subnet,
  SubnetCidrReservation,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import { chunk } from '../lib/chunk';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { ClusterProblem, ClusterProblemError } from '../lib/problems';
import { awsProblem, AwsCallContext } from './awsProblem';

/**
 * Everything EC2 tells us about one cluster's nodes and their subnets.
 *
 * @public
 */
export interface Ec2Inventory {
  instances: Instance[];
  /**
   * Every ENI in the nodes' subnets: the nodes' own and everybody else's.
   * Undefined when they could not be read: fragmentation is then unknown,
   * which is not the same as none.
   */
  networkInterfaces?: NetworkInterface[];
  subnets: Subnet[];
  instanceTypes: InstanceTypeInfo[];
  /** Undefined when the reservations could not be read. */
  cidrReservationsBySubnet?: Record<string, SubnetCidrReservation[]>;
  /** API calls made, per action: the figure the benchmarks report. */
  calls: Record<string, number>;
  /** Calls that failed without making the rest useless. */
  problems: ClusterProblem[];
}

/**
 * How `collectEc2Inventory` calls EC2.
 *
 * @public
 */
export interface CollectEc2Options {
  /** Where the calls go, for messages. */
  context: AwsCallContext;
  /** Calls in flight at once, across all actions. */
  concurrency: number;
  /** Results per page (EC2 allows 5 to 1000). */
  pageSize: number;
  /** Ends every call when the cluster's refresh runs out of time. */
  signal?: AbortSignal;
  /**
   * Subnets to describe beside the nodes' own, with every ENI and CIDR
   * reservation in them: those the next node may land in (node classes'
   * selectors, ENIConfigs), so that their free /28 blocks are counted
   * before any node uses them. Asked in the same batched calls.
   */
  extraSubnetIds?: readonly string[];
}

/** EC2 accepts at most 200 values in one filter. */
const FILTER_VALUES = 200;
/** DescribeInstanceTypes takes at most 100 types per call. */
const INSTANCE_TYPES_PER_CALL = 100;

/**
 * Collects the EC2 side of a cluster with batched, filtered, paginated calls:
 * never one call per node or per ENI. Calls grow with result pages and with
 * subnets (GetSubnetCidrReservations takes one subnet), not with nodes.
 *
 * DescribeInstances and DescribeSubnets are required: their failure throws,
 * so that the last good picture is kept. The others are optional: their
 * failure is a problem, and what they would have said is left undefined.
 * Both ENI calls send `IncludeManagedResources`, or EC2 may hide EKS Auto
 * Mode instances and their ENIs (how-pod-ips-are-counted.md §8).
 *
 * @public
 */
export async function collectEc2Inventory(
  ec2: EC2Client,
  instanceIds: readonly string[],
  options: CollectEc2Options,
): Promise<Ec2Inventory> {
  const calls: Record<string, number> = {};
  const problems: ClusterProblem[] = [];
  const { concurrency, pageSize, signal, context } = options;
  const pager = <T>(action: string) =>
    pageThrough<T>(action, context, () => {
      calls[action] = (calls[action] ?? 0) + 1;
    });

  const describeInstances = (filters: Filter[], keep?: Set<string>) =>
    pager<Instance>('DescribeInstances')(async NextToken => {
      const page = await ec2.send(
        new DescribeInstancesCommand({
          Filters: filters,
          IncludeManagedResources: true,
          MaxResults: pageSize,
          NextToken,
        }),
        { abortSignal: signal },
      );
      const items = (page.Reservations ?? []).flatMap(r => r.Instances ?? []);
      return {
        // Only the nodes' own: a cluster's filter may match more.
        items: keep ? items.filter(i => keep.has(i?.InstanceId ?? '')) : items,
        next: page.NextToken,
      };
    });
  const byIds = async (ids: readonly string[]) =>
    (
      await mapWithConcurrency(chunk([...ids], FILTER_VALUES), concurrency, b =>
        describeInstances([{ Name: 'instance-id', Values: b }]),
      )
    ).flat();

  // One batch of ids when that is all; otherwise the first batch names the
  // cluster (its VPC and the tag all its instances carry), the rest come in
  // pages of that filter, and only what it missed by id: calls grow with
  // result pages, not with nodes.
  const wanted = [...new Set(instanceIds)];
  const first = await byIds(wanted.slice(0, FILTER_VALUES));
  const rest = new Set(wanted.slice(FILTER_VALUES));
  const filters = rest.size > 0 ? clusterFilters(first) : undefined;
  const found = filters ? await describeInstances(filters, rest) : [];
  for (const instance of found) rest.delete(instance.InstanceId ?? '');
  const instances = [...first, ...found, ...(await byIds([...rest]))];

  const subnetIds = uniqueSorted([
    ...instances.flatMap(i => [
      i?.SubnetId,
      ...(i?.NetworkInterfaces ?? []).map(eni => eni?.SubnetId),
    ]),
    ...(options.extraSubnetIds ?? []),
  ]);
  const instanceTypes = uniqueSorted(instances.map(i => i?.InstanceType));
  const bySubnetBatch = <T>(
    run: (ids: string[]) => Promise<T[]>,
  ): Promise<T[]> =>
    mapWithConcurrency(chunk(subnetIds, FILTER_VALUES), concurrency, run).then(
      pages => pages.flat(),
    );

  const optional = async <T>(
    action: string,
    run: () => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      problems.push(
        error instanceof ClusterProblemError
          ? error.problem
          : awsProblem(action, error, context),
      );
      return undefined;
    }
  };

  const [subnets, networkInterfaces, instanceTypeInfos, reservations] =
    await Promise.all([
      bySubnetBatch(ids =>
        pager<Subnet>('DescribeSubnets')(async NextToken => {
          const page = await ec2.send(
            new DescribeSubnetsCommand({
              Filters: [{ Name: 'subnet-id', Values: ids }],
              MaxResults: pageSize,
              NextToken,
            }),
            { abortSignal: signal },
          );
          return { items: page.Subnets ?? [], next: page.NextToken };
        }),
      ),
      optional('DescribeNetworkInterfaces', () =>
        bySubnetBatch(ids =>
          pager<NetworkInterface>('DescribeNetworkInterfaces')(
            async NextToken => {
              const page = await ec2.send(
                new DescribeNetworkInterfacesCommand({
                  Filters: [{ Name: 'subnet-id', Values: ids }],
                  IncludeManagedResources: true,
                  MaxResults: pageSize,
                  NextToken,
                }),
                { abortSignal: signal },
              );
              return {
                items: page.NetworkInterfaces ?? [],
                next: page.NextToken,
              };
            },
          ),
        ),
      ),
      optional('DescribeInstanceTypes', async () =>
        (
          await mapWithConcurrency(
            chunk(instanceTypes, INSTANCE_TYPES_PER_CALL),
            concurrency,
            types =>
              pager<InstanceTypeInfo>('DescribeInstanceTypes')(
                async NextToken => {
                  const page = await ec2.send(
                    new DescribeInstanceTypesCommand({
                      InstanceTypes: types as _InstanceType[],
                      MaxResults: Math.min(pageSize, 100),
                      NextToken,
                    }),
                    { abortSignal: signal },
                  );
                  return {
                    items: page.InstanceTypes ?? [],
                    next: page.NextToken,
                  };
                },
              ),
          )
        ).flat(),
      ),
      optional('GetSubnetCidrReservations', async () => {
        const bySubnet: Record<string, SubnetCidrReservation[]> = {};
        await mapWithConcurrency(subnetIds, concurrency, async SubnetId => {
          bySubnet[SubnetId] = await pager<SubnetCidrReservation>(
            'GetSubnetCidrReservations',
          )(async NextToken => {
            const page = await ec2.send(
              new GetSubnetCidrReservationsCommand({
                SubnetId,
                MaxResults: pageSize,
                NextToken,
              }),
              { abortSignal: signal },
            );
            return {
              items: [
                ...(page.SubnetIpv4CidrReservations ?? []),
                ...(page.SubnetIpv6CidrReservations ?? []),
              ],
              next: page.NextToken,
            };
          });
        });
        return bySubnet;
      }),
    ]);

  return {
    instances,
    ...(networkInterfaces ? { networkInterfaces } : {}),
    subnets,
    instanceTypes: instanceTypeInfos ?? [],
    ...(reservations ? { cidrReservationsBySubnet: reservations } : {}),
    calls,
    problems,
  };
}

/**
 * Reads every page of one action (`NextToken` until there is none); a failure
 * becomes a problem naming the action. A page that repeats its own token
 * would loop forever: it ends the list as a malformed answer instead.
 */
function pageThrough<T>(
  action: string,
  context: AwsCallContext,
  counted: () => void,
) {
  return async (
    fetchPage: (token?: string) => Promise<{ items: T[]; next?: string }>,
  ): Promise<T[]> => {
    const items: T[] = [];
    const seen = new Set<string>();
    try {
      let token: string | undefined;
      do {
        const page = await fetchPage(token);
        counted();
        for (const item of page.items) items.push(item);
        token = page.next || undefined;
        if (token && seen.has(token)) {
          throw Object.assign(new Error('NextToken repeated'), {
            name: 'Unknown',
          });
        }
        if (token) seen.add(token);
      } while (token);
    } catch (error) {
      throw new ClusterProblemError(awsProblem(action, error, context));
    }
    return items;
  };
}

/**
 * Tags that name an instance's cluster: EKS managed node groups set
 * `eks:cluster-name`, Karpenter and EKS Auto Mode `eks:eks-cluster-name`;
 * managed node groups, Karpenter and (by convention) self-managed nodes the
 * key `kubernetes.io/cluster/<name>`.
 */
const CLUSTER_TAGS = ['eks:cluster-name', 'eks:eks-cluster-name'];
const CLUSTER_TAG_KEY_PREFIX = 'kubernetes.io/cluster/';

/**
 * A filter that finds a cluster's other instances from some of them: their
 * VPCs, and the cluster tag every one of them carries, when there is one.
 * Undefined when the instances name no VPC.
 */
export function clusterFilters(
  instances: readonly Instance[],
): Filter[] | undefined {
  const vpcs = uniqueSorted(instances.map(i => i?.VpcId));
  if (vpcs.length === 0 || vpcs.length > FILTER_VALUES) return undefined;
  const tagsOf = instances.map(
    i => new Map((i?.Tags ?? []).map(t => [t?.Key ?? '', t?.Value ?? ''])),
  );
  const shared = (key: string) =>
    tagsOf.every(tags => tags.has(key) && tags.get(key) === tagsOf[0].get(key));
  const filters: Filter[] = [{ Name: 'vpc-id', Values: vpcs }];
  const key = [...tagsOf[0].keys()]
    .filter(k => k.startsWith(CLUSTER_TAG_KEY_PREFIX))
    .find(k => tagsOf.every(tags => tags.has(k)));
  const named = CLUSTER_TAGS.find(shared);
  if (key) filters.push({ Name: 'tag-key', Values: [key] });
  else if (named) {
    filters.push({ Name: `tag:${named}`, Values: [tagsOf[0].get(named)!] });
  }
  return filters;
}

function uniqueSorted(values: Array<string | undefined>): string[] {
  return [
    ...new Set(values.filter((v): v is string => typeof v === 'string' && !!v)),
  ].sort();
}
