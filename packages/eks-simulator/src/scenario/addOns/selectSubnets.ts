import { SimSubnet, SubnetSelectorTermSpec } from '../types';

/*
 * Subnet selector terms as Karpenter resolves them (how-pod-ips-are-counted.md §7): each
 * term becomes one DescribeSubnets call — `tag:KEY=VALUE` filters (`tag-key` for `*`) or a
 * `subnet-id` filter — and the results are unioned. EC2 filter values treat `*` and `?` as
 * wildcards, so the simulator matches them the same way its DescribeSubnets does.
 */

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

function termMatches(term: SubnetSelectorTermSpec, s: SimSubnet): boolean {
  if (term.id !== undefined) return s.id === term.id;
  return Object.entries(term.tags ?? {}).every(([key, value]) => {
    const actual = s.tags[key];
    return actual !== undefined && wildcard(String(value)).test(actual);
  });
}

/** The subnets any term selects (fields inside a term ANDed, terms ORed), in input order. */
export function selectSubnets(
  terms: SubnetSelectorTermSpec[],
  subnets: SimSubnet[],
): SimSubnet[] {
  return subnets.filter(s => terms.some(t => termMatches(t, s)));
}

/**
 * The CRDs' own validation of a term list (CEL rules of Karpenter's and Auto Mode's CRDs):
 * at least one term; each term has `tags` or `id`, not both; no empty tag key or value.
 */
export function checkSelectorTerms(
  where: string,
  field: string,
  terms: unknown,
  problems: string[],
): terms is SubnetSelectorTermSpec[] {
  if (!Array.isArray(terms) || terms.length === 0) {
    problems.push(`${where}: ${field} needs at least one term`);
    return false;
  }
  let ok = true;
  terms.forEach((t: SubnetSelectorTermSpec, i) => {
    const hasTags = t?.tags !== undefined && Object.keys(t.tags).length > 0;
    const hasId = typeof t?.id === 'string' && t.id !== '';
    if (hasTags === hasId) {
      problems.push(
        `${where}: ${field}[${i}] must have either tags or id (and not both)`,
      );
      ok = false;
    }
    for (const [k, v] of Object.entries(t?.tags ?? {})) {
      if (k === '' || v === '' || v === null || v === undefined) {
        problems.push(
          `${where}: ${field}[${i}] has an empty tag key or value ('${k}')`,
        );
        ok = false;
      }
    }
  });
  return ok;
}

/**
 * Warnings for terms that select nothing: an `id` that is no subnet of the account and
 * region, or tags no subnet carries (the class then has no subnets to launch into).
 */
export function warnUnmatchedTerms(
  where: string,
  field: string,
  terms: SubnetSelectorTermSpec[],
  subnets: SimSubnet[],
  warnings: string[],
) {
  terms.forEach((t, i) => {
    if (subnets.some(s => termMatches(t, s))) return;
    warnings.push(
      t.id !== undefined
        ? `${where}: ${field}[${i}] names subnet ${t.id}, which does not exist in the cluster's account and region`
        : `${where}: ${field}[${i}] (tags ${JSON.stringify(
            t.tags,
          )}) matches no subnet in the cluster's account and region`,
    );
  });
}
