import {
  DescribeSubnetsCommand,
  EC2Client,
  Filter,
  Subnet,
} from '@aws-sdk/client-ec2';
import type { ZonalSubnet } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { chunk } from '../lib/chunk';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { ClusterProblem, ClusterProblemError } from '../lib/problems';
import { SubnetSelectorTerm } from '../kubernetes/toProvisioning';
import { awsProblem, AwsCallContext } from './awsProblem';

/**
 * What the selector terms select.
 *
 * @public
 */
export interface ResolvedSubnetSelectors {
  /** The subnets of any terms, resolved; a term that failed selects nothing. */
  resolve(terms: SubnetSelectorTerm[]): ZonalSubnet[];
  /** Every subnet selected, for the inventory. */
  subnetIds: string[];
  /** DescribeSubnets calls (pages) made. */
  calls: number;
  /** A failed lookup: the terms it was for select nothing known. */
  problems: ClusterProblem[];
}

/** EC2 accepts at most 200 values in one filter. */
const FILTER_VALUES = 200;

/** A term's identity, so the same term in two classes is looked up once. */
const keyOf = (term: SubnetSelectorTerm) =>
  term.id
    ? `id:${term.id}`
    : `tags:${JSON.stringify(Object.entries(term.tags ?? {}).sort())}`;

/**
 * A tag term as EC2 filters, ANDed: `tag-key` for `*` (any value), else
 * `tag:<key>` (EC2 applies `*` and `?` wildcards inside values), as
 * Karpenter's subnet provider builds them.
 */
function tagFilters(tags: Record<string, string>): Filter[] {
  return Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) =>
      value === '*'
        ? { Name: 'tag-key', Values: [key] }
        : { Name: `tag:${key}`, Values: [value] },
    );
}

/**
 * Resolves node classes' subnet selector terms with filtered, paginated
 * `DescribeSubnets` calls (how-pod-ips-are-counted.md §7): one lookup per
 * distinct tag term, and one `subnet-id` filter for all id terms (200 ids
 * a call) — never one call per subnet, node or class. A lookup that fails
 * is a problem: the refresh goes on without those subnets.
 *
 * @public
 */
export async function resolveSubnetSelectors(
  ec2: EC2Client,
  terms: readonly SubnetSelectorTerm[],
  options: {
    context: AwsCallContext;
    concurrency: number;
    pageSize: number;
    signal?: AbortSignal;
  },
): Promise<ResolvedSubnetSelectors> {
  const { context, concurrency, pageSize, signal } = options;
  let calls = 0;
  const problems: ClusterProblem[] = [];
  const unique = new Map(terms.map(t => [keyOf(t), t]));
  const tagTerms = [...unique.values()].filter(t => !t.id && t.tags);
  const ids = [
    ...new Set([...unique.values()].flatMap(t => (t.id ? [t.id] : []))),
  ].sort();

  const describe = async (Filters: Filter[]): Promise<Subnet[]> => {
    const subnets: Subnet[] = [];
    const seen = new Set<string>();
    let NextToken: string | undefined;
    do {
      const page = await ec2.send(
        new DescribeSubnetsCommand({
          Filters,
          MaxResults: pageSize,
          NextToken,
        }),
        { abortSignal: signal },
      );
      calls++;
      subnets.push(...(page.Subnets ?? []));
      NextToken = page.NextToken || undefined;
      if (NextToken && seen.has(NextToken)) break;
      if (NextToken) seen.add(NextToken);
    } while (NextToken);
    return subnets;
  };
  const safely = async (run: () => Promise<Subnet[]>) => {
    try {
      return await run();
    } catch (error) {
      if (signal?.aborted) throw error;
      const problem =
        error instanceof ClusterProblemError
          ? error.problem
          : awsProblem('DescribeSubnets', error, context);
      if (!problems.some(p => p.code === problem.code)) problems.push(problem);
      return undefined;
    }
  };

  const byTerm = new Map<string, Subnet[] | undefined>();
  await mapWithConcurrency(tagTerms, concurrency, async term => {
    byTerm.set(
      keyOf(term),
      await safely(() => describe(tagFilters(term.tags!))),
    );
  });
  const byId = new Map<string, Subnet>();
  const idBatches = await mapWithConcurrency(
    chunk(ids, FILTER_VALUES),
    concurrency,
    batch => safely(() => describe([{ Name: 'subnet-id', Values: batch }])),
  );
  for (const subnet of idBatches.flat()) {
    if (subnet?.SubnetId) byId.set(subnet.SubnetId, subnet);
  }
  for (const id of ids) {
    const subnet = byId.get(id);
    byTerm.set(`id:${id}`, subnet ? [subnet] : []);
  }

  const zonal = (subnets: Subnet[] | undefined): ZonalSubnet[] =>
    (subnets ?? []).flatMap(s =>
      s?.SubnetId && s.AvailabilityZone
        ? [{ id: s.SubnetId, zone: s.AvailabilityZone }]
        : [],
    );
  const subnetIds = new Set<string>();
  for (const subnets of byTerm.values()) {
    for (const s of zonal(subnets)) subnetIds.add(s.id);
  }
  return {
    resolve(selected) {
      const out = new Map<string, ZonalSubnet>();
      for (const term of selected) {
        for (const s of zonal(byTerm.get(keyOf(term)))) out.set(s.id, s);
      }
      return [...out.values()];
    },
    subnetIds: [...subnetIds].sort(),
    calls,
    problems,
  };
}
