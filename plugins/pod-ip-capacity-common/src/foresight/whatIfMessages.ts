import {
  AddReplicasWhatIf,
  RolloutWhatIf,
  RotationWhatIf,
  SubnetChange,
  WhatIfFailure,
} from './types';
import { count, ordinal, plural } from './words';

/** Subnets named in a what-if's sentence at the most. */
const NAMED_SUBNETS = 3;

/** Why one replica or node gets nothing, e.g. "InsufficientCidrBlocks in subnet-c (eu-west-1c)". */
export function failureWords(failure: WhatIfFailure): string {
  const where = [
    failure.nodeName ? `on node ${failure.nodeName}` : undefined,
    failure.nodeGroup && !failure.nodeName
      ? `a new node of ${failure.nodeGroup}`
      : undefined,
    failure.zone,
  ]
    .filter(Boolean)
    .join(', ');
  const place = where ? ` (${where})` : '';
  switch (failure.reason) {
    case 'InsufficientCidrBlocks':
    case 'InsufficientFreeAddressesInSubnet':
      return `${failure.reason}${
        failure.subnetId ? ` in ${failure.subnetId}` : ''
      }${place}`;
    case 'pod-limit':
      return `its nodes are at their pod limit and no node pool or group is known to add a node to${place}`;
    case 'instance-ips':
      return `the instance type has no address slot left${place}`;
    default:
      return `not known: a subnet or node group it needs is not in the snapshot${place}`;
  }
}

/** "subnet-a 12 → 11 free /28 blocks, 233 → 200 free IPs; …", the first few. */
export function subnetChangeWords(changes: readonly SubnetChange[]): string {
  const named = changes.slice(0, NAMED_SUBNETS).map(c => {
    const blocks =
      c.freePrefixBlocks.before !== c.freePrefixBlocks.after
        ? `${count(c.freePrefixBlocks.before)} → ${count(
            c.freePrefixBlocks.after,
          )} free /28 blocks, `
        : '';
    return `${c.subnetId} ${blocks}${count(c.available.before)} → ${count(
      c.available.after,
    )} free IPs`;
  });
  const more =
    changes.length > NAMED_SUBNETS
      ? `; ${plural(changes.length - NAMED_SUBNETS, 'more subnet')}`
      : '';
  return named.join('; ') + more;
}

/**
 * "Add N replicas" in one sentence or three: where they go, what the
 * subnets drop to, and the first replica that gets no IP.
 *
 * @public
 */
export function addReplicasMessage(
  whatIf: AddReplicasWhatIf,
  subject: { name: string; cluster: string },
): string {
  const head = `${plural(whatIf.requested, 'more replica')} of ${
    subject.name
  } in ${subject.cluster}`;
  const parts = [`${count(whatIf.onCurrentNodes)} fit on its current nodes`];
  const newNodes = whatIf.newNodes.reduce((sum, n) => sum + n.nodes, 0);
  if (newNodes > 0) {
    const onNew = whatIf.placed - whatIf.onCurrentNodes;
    const where = (n: AddReplicasWhatIf['newNodes'][number]) =>
      `${n.nodeGroup} in ${n.zone} (${n.nodeSubnetId})`;
    const [only] = whatIf.newNodes;
    parts.push(
      whatIf.newNodes.length === 1
        ? `${count(onNew)} on ${plural(newNodes, 'new node')} of ${where(only)}`
        : `${count(onNew)} on ${plural(newNodes, 'new node')}: ${whatIf.newNodes
            .map(n => `${count(n.nodes)} of ${where(n)}`)
            .join(', ')}`,
    );
  }
  let text = `${head}: ${parts.join('; ')}.`;
  if (whatIf.subnets.length > 0) {
    text += ` ${subnetChangeWords(whatIf.subnets)}.`;
  }
  if (whatIf.firstFailure) {
    text += ` The ${ordinal(whatIf.firstFailure.at)} gets no IP: ${failureWords(
      whatIf.firstFailure,
    )}.`;
  } else if (whatIf.newNodesCapped) {
    text += ` The what-if stopped at ${plural(
      newNodes,
      'new node',
    )} with ${count(whatIf.requested - whatIf.placed)} still to place.`;
  } else {
    text += ' All of them get an IP.';
  }
  return text;
}

/**
 * A rollout in words: the peak, and whether the surge pods get IPs.
 *
 * @public
 */
export function rolloutMessage(
  whatIf: RolloutWhatIf,
  deployment: { namespace: string; name: string; cluster: string },
): string {
  const head = `Rolling out ${deployment.namespace}/${deployment.name} in ${
    deployment.cluster
  } (${plural(whatIf.replicas, 'replica')}, maxSurge ${
    whatIf.maxSurge
  }, maxUnavailable ${whatIf.maxUnavailable}) runs up to ${plural(
    whatIf.peakPods,
    'pod',
  )} at once`;
  if (whatIf.maxSurge === 0) {
    return `${head}: no surge pod needs an IP.`;
  }
  if (whatIf.fits) {
    return `${head}: ${
      whatIf.maxSurge === 1
        ? 'the surge pod gets an IP'
        : `the ${count(whatIf.maxSurge)} surge pods get IPs`
    } (${count(whatIf.surge.onCurrentNodes)} on its current nodes${
      whatIf.surge.placed > whatIf.surge.onCurrentNodes
        ? `, ${count(
            whatIf.surge.placed - whatIf.surge.onCurrentNodes,
          )} on new nodes`
        : ''
    }).`;
  }
  const failure = whatIf.surge.firstFailure;
  return `${head}: only ${count(whatIf.surge.placed)} of ${plural(
    whatIf.maxSurge,
    'surge pod',
  )} get an IP${
    failure
      ? `; the ${ordinal(failure.at)} fails: ${failureWords(failure)}`
      : ''
  }. The rollout stalls until old pods release theirs.`;
}

/**
 * A node group rotation in words: what each new node takes before its old
 * node drains, and whether the subnets can give it.
 *
 * @public
 */
export function rotationMessage(
  whatIf: RotationWhatIf,
  cluster: string,
): string {
  if (whatIf.nodes === 0) {
    return `${whatIf.nodeGroup} in ${cluster} has no nodes to rotate.`;
  }
  const addresses = whatIf.newNodes.reduce((sum, n) => sum + n.addresses, 0);
  const prefixes = whatIf.newNodes.reduce((sum, n) => sum + n.prefixes, 0);
  const head = `Rotating ${whatIf.nodeGroup} in ${cluster} (${plural(
    whatIf.nodes,
    'node',
  )}, ${count(whatIf.concurrent)} at once) takes ${plural(
    addresses,
    'address',
    'addresses',
  )}${
    prefixes > 0 ? ` (${plural(prefixes, 'prefix', 'prefixes')})` : ''
  } before the old nodes drain`;
  const subnets =
    whatIf.subnets.length > 0 ? `: ${subnetChangeWords(whatIf.subnets)}` : '';
  if (whatIf.firstFailure) {
    return `${head}${subnets}. The ${ordinal(
      whatIf.firstFailure.at,
    )} new node fails: ${failureWords(whatIf.firstFailure)}.`;
  }
  return `${head}${subnets}. Its subnets can take every new node.`;
}
