import {
  EC2Client,
  Filter,
  Instance,
  InstanceTypeInfo,
  NetworkInterface,
  Subnet,
  SubnetCidrReservation,
  _InstanceType,
  paginateDescribeInstances,
  paginateDescribeInstanceTypes,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSubnets,
  GetSubnetCidrReservationsCommand,
} from '@aws-sdk/client-ec2';
import { chunk } from '../../lib/chunk';
import { mapWithConcurrency } from '../../lib/mapWithConcurrency';
import { ClusterProblem, ClusterProblemError } from '../../lib/problems';
import { awsProblem } from './awsProblem';

/** Everything EC2 tells us about one cluster's nodes and their subnets. */
export interface Ec2Inventory {
  instances: Instance[];
  /** Every ENI in the nodes' subnets: the nodes' own and everybody else's. */
  networkInterfaces: NetworkInterface[];
  subnets: Subnet[];
  instanceTypes: InstanceTypeInfo[];
  cidrReservationsBySubnet: Record<string, SubnetCidrReservation[]>;
  /** API calls made, per action: the figure the benchmarks report. */
  calls: Record<string, number>;
  /** Calls that failed without making the rest useless. */
  problems: ClusterProblem[];
}

export interface CollectEc2Options {
  region: string;
  /** Calls in flight at once, across all actions. */
  concurrency: number;
  /** Results per page (EC2 allows 5 to 1000). */
  pageSize: number;
}

/** EC2 accepts at most 200 values in one filter. */
const FILTER_VALUES = 200;
/** DescribeInstanceTypes takes at most 100 types per call. */
const INSTANCE_TYPES_PER_CALL = 100;

/**
 * Collects the EC2 side of a cluster with batched, filtered, paginated calls:
 * never one call per node or per ENI. Calls grow with result pages and with
 * subnets (GetSubnetCidrReservations takes one subnet), not with nodes.
 */
export async function collectEc2Inventory(
  ec2: EC2Client,
  instanceIds: readonly string[],
  options: CollectEc2Options,
): Promise<Ec2Inventory> {
  const calls: Record<string, number> = {};
  const problems: ClusterProblem[] = [];
  const count = (action: string) => {
    calls[action] = (calls[action] ?? 0) + 1;
  };
  const { region, concurrency, pageSize } = options;

  // Required: without the instances there is nothing to attribute pod IPs to.
  const instances = (
    await mapWithConcurrency(
      chunk([...new Set(instanceIds)], FILTER_VALUES),
      concurrency,
      ids =>
        collectPages<Instance>('DescribeInstances', region, async sink => {
          const filters: Filter[] = [{ Name: 'instance-id', Values: ids }];
          for await (const page of paginateDescribeInstances(
            { client: ec2, pageSize },
            { Filters: filters },
          )) {
            count('DescribeInstances');
            for (const reservation of page.Reservations ?? []) {
              sink(...(reservation.Instances ?? []));
            }
          }
        }),
    )
  ).flat();

  const subnetIds = uniqueSorted(
    instances.flatMap(i => [
      i.SubnetId,
      ...(i.NetworkInterfaces ?? []).map(eni => eni.SubnetId),
    ]),
  );
  const instanceTypes = uniqueSorted(instances.map(i => i.InstanceType));

  // Required too: a subnet's CIDR is what every block count starts from.
  const subnetsPromise = mapWithConcurrency(
    chunk(subnetIds, FILTER_VALUES),
    concurrency,
    ids =>
      collectPages<Subnet>('DescribeSubnets', region, async sink => {
        for await (const page of paginateDescribeSubnets(
          { client: ec2, pageSize },
          { Filters: [{ Name: 'subnet-id', Values: ids }] },
        )) {
          count('DescribeSubnets');
          sink(...(page.Subnets ?? []));
        }
      }),
  );

  // Optional: without them the answer is less complete, not wrong.
  const optional = async <T>(
    action: string,
    run: () => Promise<T>,
    fallback: T,
  ): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const problem =
        error instanceof ClusterProblemError
          ? error.problem
          : awsProblem(action, error, region);
      problems.push(problem);
      return fallback;
    }
  };

  const networkInterfacesPromise = optional(
    'DescribeNetworkInterfaces',
    async () =>
      (
        await mapWithConcurrency(
          chunk(subnetIds, FILTER_VALUES),
          concurrency,
          ids =>
            collectPages<NetworkInterface>(
              'DescribeNetworkInterfaces',
              region,
              async sink => {
                for await (const page of paginateDescribeNetworkInterfaces(
                  { client: ec2, pageSize },
                  { Filters: [{ Name: 'subnet-id', Values: ids }] },
                )) {
                  count('DescribeNetworkInterfaces');
                  sink(...(page.NetworkInterfaces ?? []));
                }
              },
            ),
        )
      ).flat(),
    [] as NetworkInterface[],
  );

  const instanceTypesPromise = optional(
    'DescribeInstanceTypes',
    async () =>
      (
        await mapWithConcurrency(
          chunk(instanceTypes, INSTANCE_TYPES_PER_CALL),
          concurrency,
          types =>
            collectPages<InstanceTypeInfo>(
              'DescribeInstanceTypes',
              region,
              async sink => {
                for await (const page of paginateDescribeInstanceTypes(
                  { client: ec2, pageSize: Math.min(pageSize, 100) },
                  { InstanceTypes: types as _InstanceType[] },
                )) {
                  count('DescribeInstanceTypes');
                  sink(...(page.InstanceTypes ?? []));
                }
              },
            ),
        )
      ).flat(),
    [] as InstanceTypeInfo[],
  );

  const reservationsPromise = optional(
    'GetSubnetCidrReservations',
    async () => {
      const bySubnet: Record<string, SubnetCidrReservation[]> = {};
      await mapWithConcurrency(subnetIds, concurrency, async subnetId => {
        const reservations = await collectPages<SubnetCidrReservation>(
          'GetSubnetCidrReservations',
          region,
          async sink => {
            let token: string | undefined;
            do {
              const page = await ec2.send(
                new GetSubnetCidrReservationsCommand({
                  SubnetId: subnetId,
                  MaxResults: pageSize,
                  NextToken: token,
                }),
              );
              count('GetSubnetCidrReservations');
              sink(
                ...(page.SubnetIpv4CidrReservations ?? []),
                ...(page.SubnetIpv6CidrReservations ?? []),
              );
              token = page.NextToken;
            } while (token);
          },
        );
        bySubnet[subnetId] = reservations;
      });
      return bySubnet;
    },
    {} as Record<string, SubnetCidrReservation[]>,
  );

  const [subnets, networkInterfaces, instanceTypeInfos, reservations] =
    await Promise.all([
      subnetsPromise,
      networkInterfacesPromise,
      instanceTypesPromise,
      reservationsPromise,
    ]);

  return {
    instances,
    networkInterfaces,
    subnets: subnets.flat(),
    instanceTypes: instanceTypeInfos,
    cidrReservationsBySubnet: reservations,
    calls,
    problems,
  };
}

/** Runs one action's pages; a failure becomes a problem naming the action. */
async function collectPages<T>(
  action: string,
  region: string,
  run: (sink: (...items: T[]) => void) => Promise<void>,
): Promise<T[]> {
  const items: T[] = [];
  try {
    await run((...more) => {
      for (const item of more) items.push(item);
    });
  } catch (error) {
    throw new ClusterProblemError(awsProblem(action, error, region));
  }
  return items;
}

function uniqueSorted(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}
