import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  EC2Client,
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

  const instances = (
    await mapWithConcurrency(
      chunk([...new Set(instanceIds)], FILTER_VALUES),
      concurrency,
      ids =>
        pager<Instance>('DescribeInstances')(async NextToken => {
          const page = await ec2.send(
            new DescribeInstancesCommand({
              Filters: [{ Name: 'instance-id', Values: ids }],
              IncludeManagedResources: true,
              MaxResults: pageSize,
              NextToken,
            }),
            { abortSignal: signal },
          );
          return {
            items: (page.Reservations ?? []).flatMap(r => r.Instances ?? []),
            next: page.NextToken,
          };
        }),
    )
  ).flat();

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

function uniqueSorted(values: Array<string | undefined>): string[] {
  return [
    ...new Set(values.filter((v): v is string => typeof v === 'string' && !!v)),
  ].sort();
}
