/**
 * The region of a cluster from its nodes: the `topology.kubernetes.io/region`
 * label, else the availability zone in `spec.providerID`
 * (`aws:///eu-west-1a/i-…` → `eu-west-1`). The most common answer wins.
 *
 * @public
 */
export function regionOfNodes(
  nodes: Array<{ labels: Record<string, string>; providerId?: string }>,
): string | undefined {
  const votes = new Map<string, number>();
  for (const node of nodes) {
    const region =
      node.labels['topology.kubernetes.io/region'] ??
      node.labels['failure-domain.beta.kubernetes.io/region'] ??
      node.providerId?.match(
        /^aws:\/\/\/([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]+\//,
      )?.[1];
    if (region) votes.set(region, (votes.get(region) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [region, count] of votes) {
    if (!best || count > (votes.get(best) ?? 0)) best = region;
  }
  return best;
}

/**
 * `aws:///eu-west-1a/i-0abc…` → `i-0abc…`; Fargate and others → undefined.
 *
 * @public
 */
export function instanceIdOfProviderId(providerId: string | undefined) {
  return providerId?.match(/^aws:\/\/\/[^/]+\/(i-[0-9a-f]+)$/)?.[1];
}

/**
 * `aws:///eu-west-1a/i-0abc…` → `eu-west-1a`.
 *
 * @public
 */
export function zoneOfProviderId(providerId: string | undefined) {
  return providerId?.match(/^aws:\/\/\/([a-z]{2}(?:-[a-z0-9]+)+)\//)?.[1];
}
