import {
  AutoModeNodeClassSpec,
  ClusterSpec,
  Ec2NodeClassSpec,
  KubeObject,
  NodePoolSpec,
  SimSubnet,
} from '../types';
import { buildAutoModeNodeClass } from './autoModeNodeClass';
import { byName } from './crdObject';
import { buildEc2NodeClass } from './karpenterNodeClass';
import { buildNodePool, NodeClassFlavour } from './nodePool';
import {
  checkSelectorTerms,
  selectSubnets,
  warnUnmatchedTerms,
} from './selectSubnets';
import { buildEniConfig } from './vpcCni';

/** Keys of `SimCluster.customResources`: `<group>/<plural>` of each add-on CRD. */
export const CRD_KEYS = {
  ec2NodeClasses: 'karpenter.k8s.aws/ec2nodeclasses',
  nodePools: 'karpenter.sh/nodepools',
  autoModeNodeClasses: 'eks.amazonaws.com/nodeclasses',
  eniConfigs: 'crd.k8s.amazonaws.com/eniconfigs',
} as const;

export interface AddOnContext {
  /** Every subnet of the cluster's account and region (what its selectors can find). */
  subnets: SimSubnet[];
  /** The cluster's Node objects (pools count the nodes labelled with them). */
  nodes: KubeObject[];
  problems: string[];
  warnings: string[];
}

const OPERATORS = new Set([
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
  'Gt',
  'Lt',
]);

/** Names must be there and unique (the objects are cluster-scoped). */
function checkNames(
  where: string,
  what: string,
  items: Array<{ name: string }>,
  problems: string[],
) {
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item?.name !== 'string' || item.name === '') {
      problems.push(`${where}: every ${what} needs a name`);
    } else if (seen.has(item.name)) {
      problems.push(`${where}: ${what} ${item.name} is listed twice`);
    }
    seen.add(item?.name);
  }
}

function checkRequirements(
  where: string,
  pool: NodePoolSpec,
  problems: string[],
) {
  for (const r of pool.requirements ?? []) {
    if (!r?.key || !OPERATORS.has(r.operator)) {
      problems.push(
        `${where}: NodePool ${
          pool.name
        }: a requirement needs a key and an operator of ${[...OPERATORS].join(
          ', ',
        )}`,
      );
    } else if (
      (r.operator === 'In' || r.operator === 'NotIn') &&
      !(Array.isArray(r.values) && r.values.length > 0)
    ) {
      problems.push(
        `${where}: NodePool ${pool.name}: requirement ${r.key} ${r.operator} needs values`,
      );
    }
  }
}

function nodeClassesOf(
  where: string,
  flavour: NodeClassFlavour,
  classes: Array<Ec2NodeClassSpec | AutoModeNodeClassSpec>,
  ctx: AddOnContext,
  cluster: string,
): KubeObject[] {
  const kind = flavour === 'karpenter' ? 'EC2NodeClass' : 'NodeClass';
  checkNames(where, kind, classes, ctx.problems);
  const out: KubeObject[] = [];
  for (const c of classes) {
    const at = `${where}: ${kind} ${c.name}`;
    if (
      !checkSelectorTerms(
        at,
        'subnetSelectorTerms',
        c.subnetSelectorTerms,
        ctx.problems,
      )
    )
      continue;
    warnUnmatchedTerms(
      at,
      'subnetSelectorTerms',
      c.subnetSelectorTerms,
      ctx.subnets,
      ctx.warnings,
    );
    if (flavour === 'karpenter') {
      out.push(buildEc2NodeClass(cluster, c, ctx.subnets));
      continue;
    }
    const auto = c as AutoModeNodeClassSpec;
    const size = String(auto.ipv4PrefixSize ?? 'Auto');
    if (size !== 'Auto' && size !== '32') {
      ctx.problems.push(
        `${at}: ipv4PrefixSize must be Auto or "32", not '${size}'`,
      );
    }
    if (
      auto.podSubnetSelectorTerms !== undefined &&
      checkSelectorTerms(
        at,
        'podSubnetSelectorTerms',
        auto.podSubnetSelectorTerms,
        ctx.problems,
      )
    ) {
      warnUnmatchedTerms(
        at,
        'podSubnetSelectorTerms',
        auto.podSubnetSelectorTerms,
        ctx.subnets,
        ctx.warnings,
      );
    }
    const hasSubnets =
      selectSubnets(auto.subnetSelectorTerms, ctx.subnets).length > 0;
    out.push(buildAutoModeNodeClass(cluster, auto, hasSubnets));
  }
  return out;
}

function nodePoolsOf(
  where: string,
  flavour: NodeClassFlavour,
  pools: NodePoolSpec[],
  classNames: Set<string>,
  ctx: AddOnContext,
  cluster: string,
): KubeObject[] {
  return pools.map(pool => {
    if (typeof pool.nodeClass !== 'string' || pool.nodeClass === '') {
      ctx.problems.push(`${where}: NodePool ${pool.name} needs a nodeClass`);
    }
    checkRequirements(where, pool, ctx.problems);
    const exists = classNames.has(pool.nodeClass);
    if (!exists) {
      ctx.warnings.push(
        `${where}: NodePool ${pool.name} names ${
          flavour === 'karpenter' ? 'EC2NodeClass' : 'NodeClass'
        } ${pool.nodeClass}, which the cluster does not have`,
      );
    }
    return buildNodePool(cluster, pool, flavour, exists, ctx.nodes);
  });
}

/** Nodes labelled with a pool the cluster does not define (Karpenter would not own them). */
function warnOrphanNodes(
  where: string,
  pools: KubeObject[],
  ctx: AddOnContext,
) {
  if (pools.length === 0) return;
  const names = new Set(pools.map(p => p.metadata.name));
  for (const n of ctx.nodes) {
    const pool = n.metadata.labels?.['karpenter.sh/nodepool'];
    if (pool && !names.has(pool)) {
      ctx.warnings.push(
        `${where}: node ${n.metadata.name} belongs to NodePool ${pool}, which the cluster does not define`,
      );
    }
  }
}

function eniConfigsOf(where: string, spec: ClusterSpec, ctx: AddOnContext) {
  const configs = spec.eniConfigs ?? [];
  checkNames(where, 'ENIConfig', configs, ctx.problems);
  return configs.map(c => {
    if (typeof c.subnet !== 'string' || c.subnet === '') {
      ctx.problems.push(`${where}: ENIConfig ${c.name} needs a subnet`);
    } else if (!ctx.subnets.some(s => s.id === c.subnet)) {
      ctx.warnings.push(
        `${where}: ENIConfig ${c.name} names subnet ${c.subnet}, which does not exist in the cluster's account and region`,
      );
    }
    return buildEniConfig(spec.name, c);
  });
}

/**
 * The cluster's add-on objects by CRD (how-pod-ips-are-counted.md §7), validated: a broken
 * object is a problem, a reference to nothing (a subnet, a class) is a warning. A CRD is
 * present when its section is: `karpenter` brings EC2NodeClass and NodePool, `autoMode`
 * NodeClass and NodePool, `eniConfigs` or `awsNode` (the VPC CNI add-on installs it) ENIConfig.
 */
export function resolveAddOns(
  spec: ClusterSpec,
  ctx: AddOnContext,
): Record<string, KubeObject[]> {
  const where = `cluster ${spec.name}`;
  const out: Record<string, KubeObject[]> = {};
  const pools: KubeObject[] = [];
  const allPools: NodePoolSpec[] = [];
  for (const flavour of ['karpenter', 'autoMode'] as const) {
    const section = spec[flavour];
    if (!section) continue;
    const classes = nodeClassesOf(
      `${where} ${flavour}`,
      flavour,
      section.nodeClasses ?? [],
      ctx,
      spec.name,
    );
    const key =
      flavour === 'karpenter'
        ? CRD_KEYS.ec2NodeClasses
        : CRD_KEYS.autoModeNodeClasses;
    out[key] = classes.sort(byName);
    const names = new Set((section.nodeClasses ?? []).map(c => c.name));
    allPools.push(...(section.nodePools ?? []));
    pools.push(
      ...nodePoolsOf(
        `${where} ${flavour}`,
        flavour,
        section.nodePools ?? [],
        names,
        ctx,
        spec.name,
      ),
    );
  }
  if (spec.karpenter || spec.autoMode) {
    // One NodePool CRD serves both: Auto Mode's pools are Karpenter's kind.
    checkNames(where, 'NodePool', allPools, ctx.problems);
    out[CRD_KEYS.nodePools] = pools.sort(byName);
    warnOrphanNodes(where, pools, ctx);
  }
  if (spec.eniConfigs || spec.awsNode) {
    out[CRD_KEYS.eniConfigs] = eniConfigsOf(where, spec, ctx).sort(byName);
  }
  return out;
}
