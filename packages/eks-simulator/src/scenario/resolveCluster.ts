import { resolveAddOns } from './addOns/resolveAddOns';
import { applyAwsNodeToDaemonSets, applyAwsNodeToPods } from './addOns/vpcCni';
import { buildNode } from './buildNode';
import { deriveControllers } from './deriveControllers';
import { parseCidr, parseIpv4 } from './ipv4';
import { NodeOwnedIps, resolvePods } from './resolvePods';
import {
  ClusterSpec,
  InstanceTypeSpec,
  KubeObject,
  SimCluster,
  SimInstance,
  SimRegion,
} from './types';

export interface ClusterContext {
  instances: Map<string, SimInstance>;
  /** Every account's regions (add-on selectors resolve against the cluster's). */
  regions: SimRegion[];
  instanceTypes: Map<string, Required<InstanceTypeSpec>>;
  branchIps: Set<string>;
  problems: string[];
  warnings: string[];
}

function ownedIpsOf(inst: SimInstance): NodeOwnedIps {
  const owned: NodeOwnedIps = { ips: new Set(), prefixes: new Set() };
  for (const e of inst.networkInterfaces) {
    e.secondaryIps.forEach(ip => owned.ips.add(parseIpv4(ip)));
    e.ipv4Prefixes.forEach(p => owned.prefixes.add(parseCidr(p).base));
  }
  return owned;
}

function resolveAwsIam(
  spec: ClusterSpec,
  accountId: string,
): SimCluster['awsIam'] {
  const iam = spec.auth?.awsIam;
  if (iam === true) return { accounts: [accountId], clusterId: spec.name };
  if (iam && typeof iam === 'object') {
    return {
      accounts: (iam.accounts ?? [accountId]).map(String),
      clusterId: iam.clusterId ?? spec.name,
    };
  }
  return undefined;
}

const byName = (a: KubeObject, b: KubeObject) =>
  a.metadata.name < b.metadata.name ? -1 : 1;
const byKey = (o: KubeObject) =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The VPC CNI's environment holds strings; YAML may write numbers and booleans. */
function checkAwsNodeEnv(spec: ClusterSpec, problems: string[]) {
  for (const [name, value] of Object.entries(spec.awsNode?.env ?? {})) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      problems.push(
        `cluster ${spec.name}: awsNode env ${name} must be a string, number or boolean`,
      );
    }
  }
}

/**
 * A cluster: its nodes from their instances, its pods and their owners, its add-ons
 * (Karpenter, Auto Mode, VPC CNI), its auth.
 */
export function resolveCluster(
  spec: ClusterSpec,
  ctx: ClusterContext,
): SimCluster {
  const accountId = String(spec.account);
  const version = spec.kubernetesVersion ?? '1.32';
  const nodes: KubeObject[] = [];
  const nodeIps = new Map<string, string>();
  const nodeOwnedIps = new Map<string, NodeOwnedIps>();

  for (const n of spec.nodes ?? []) {
    const inst = ctx.instances.get(n.instanceId);
    if (!inst || inst.accountId !== accountId || inst.region !== spec.region) {
      ctx.problems.push(
        `cluster ${spec.name}: node instance ${n.instanceId} does not exist in ${accountId}/${spec.region}`,
      );
      continue;
    }
    const nodeName = n.name ?? inst.id;
    nodeOwnedIps.set(nodeName, ownedIpsOf(inst));
    nodeIps.set(nodeName, inst.privateIp);
    nodes.push(
      buildNode(
        { cluster: spec.name, region: spec.region, kubernetesVersion: version },
        n,
        inst,
        ctx.instanceTypes.get(inst.instanceType),
      ),
    );
  }

  const pods = resolvePods({
    spec,
    accountId,
    nodeIps,
    nodeOwnedIps,
    branchIps: ctx.branchIps,
    problems: ctx.problems,
    warnings: ctx.warnings,
  });
  nodes.sort(byName);
  pods.sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1));
  if (spec.awsNode) {
    checkAwsNodeEnv(spec, ctx.problems);
    applyAwsNodeToPods(pods, spec.awsNode, spec.region);
  }
  const controllers = deriveControllers(spec.name, pods);
  if (spec.awsNode) {
    applyAwsNodeToDaemonSets(
      spec.name,
      controllers.daemonsets,
      spec.awsNode,
      spec.region,
    );
  }
  const region = ctx.regions.find(
    r => r.accountId === accountId && r.region === spec.region,
  );
  const customResources = resolveAddOns(spec, {
    subnets: region?.subnets ?? [],
    nodes,
    problems: ctx.problems,
    warnings: ctx.warnings,
  });

  return {
    name: spec.name,
    accountId,
    region: spec.region,
    kubernetesVersion: version,
    serviceAccountTokens: spec.auth?.serviceAccountTokens ?? [],
    awsIam: resolveAwsIam(spec, accountId),
    nodes,
    pods,
    controllers,
    customResources,
    namespaces: [
      ...new Set([
        'default',
        'kube-system',
        ...pods.map(p => p.metadata.namespace!),
      ]),
    ].sort(),
  };
}
