import { EC2Client } from '@aws-sdk/client-ec2';
import type { ZonalSubnet } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  AwsCallContext,
  ClusterProblem,
  resolveSubnetSelectors,
  SubnetSelectorTerm,
  termsToResolve,
  UnresolvedProvisioning,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';

/** Subnets described for landings beyond the nodes' own, at the most: one filter batch. */
const MAX_EXTRA_SUBNETS = 200;

/** The subnets a next node may use, found before the inventory is collected. */
export interface LandingSubnets {
  resolve(terms: SubnetSelectorTerm[]): ZonalSubnet[];
  /** Subnets the inventory must describe (with their ENIs and reservations) besides the nodes'. */
  extraSubnetIds: string[];
  /** DescribeSubnets pages made to resolve selector terms. */
  calls: number;
  notes: ClusterProblem[];
}

/**
 * Every subnet the next node of a pool may land in or take pod IPs from:
 * `EC2NodeClass.status.subnets`, the subnets Auto Mode `NodeClass`
 * selector terms (and a class Karpenter has not resolved yet) select —
 * found with batched, filtered `DescribeSubnets` — and `ENIConfig`
 * subnets. They are added to the inventory, so that a subnet no node uses
 * yet is counted with its free /28 blocks. A failed lookup is a note.
 */
export async function landingSubnets(
  ec2: EC2Client,
  unresolved: UnresolvedProvisioning,
  options: {
    cluster: string;
    context: AwsCallContext;
    concurrency: number;
    pageSize: number;
    signal?: AbortSignal;
  },
): Promise<LandingSubnets> {
  const terms = termsToResolve(unresolved);
  const resolved =
    terms.length > 0
      ? await resolveSubnetSelectors(ec2, terms, options)
      : undefined;
  const wanted = [
    ...new Set([
      ...(resolved?.subnetIds ?? []),
      ...unresolved.nodeClasses.flatMap(c => (c.subnets ?? []).map(s => s.id)),
      ...(unresolved.eniConfigs ?? []).map(e => e.subnetId),
    ]),
  ].sort();
  const notes = [...(resolved?.problems ?? [])].map(p => ({
    ...p,
    message: `${p.message} The subnets node class selector terms select are not known meanwhile: landings there say so.`,
  }));
  if (wanted.length > MAX_EXTRA_SUBNETS) {
    notes.push({
      source: 'ec2',
      code: 'TooManyLandingSubnets',
      message: `Cluster ${options.cluster}'s node classes and ENIConfigs name ${wanted.length} subnets; the first ${MAX_EXTRA_SUBNETS} (by id) are counted, the landings in the others say they are not in the snapshot.`,
    });
  }
  return {
    resolve: resolved ? t => resolved.resolve(t) : () => [],
    extraSubnetIds: wanted.slice(0, MAX_EXTRA_SUBNETS),
    calls: resolved?.calls ?? 0,
    notes,
  };
}
