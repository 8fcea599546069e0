import {
  ClusterCapacity,
  ClusterProblem,
  computeClusterCapacity,
  InventoryPod,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  ClusterProblemError,
  collectEc2Inventory,
  Ec2Inventory,
  toClusterInventory,
  inventoryPodConversion,
  toKubernetesInventoryOfPods,
  UnreadableItems,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import {
  CLI_AWS_WORDING,
  createEc2Client,
  sdkDefaultRegion,
} from './aws/ec2Client';
import { CollectionError } from './errors';
import { KubeTarget, loadKubeTarget } from './kubernetes/kubeconfig';
import { KubernetesLister } from './kubernetes/listKubernetes';
import { Progress } from './progress';
import { plural } from './render/format';

/** What every command needs to know where to look. */
export interface CollectOptions {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  region?: string;
  profile?: string;
  pageSize: number;
  requestTimeoutMs: number;
  env: NodeJS.ProcessEnv;
  progress: Progress;
}

/** One cluster collected and computed by the engine. */
export interface Collected {
  target: KubeTarget;
  region?: string;
  capacity: ClusterCapacity;
  /** The pods the capacity was computed from (completed ones included). */
  pods: InventoryPod[];
  /** What is missing or could not be read; the figures are bounds then. */
  problems: ClusterProblem[];
  /** Calls made: list pages per resource, EC2 calls per action. */
  calls: { kubernetes: Record<string, number>; ec2: Record<string, number> };
  /** ENIs of the nodes' instances: what the classic script asks DescribeSubnets for, one by one. */
  nodeEnis: number;
}

/** EC2 calls in flight at once, and results per page (as the backend plugin's defaults). */
const EC2_CONCURRENCY = 4;
const EC2_PAGE_SIZE = 1000;
/** Nodes named in the "instances not found" problem, at most. */
const NAMED_NODES = 5;

/**
 * One cluster, the way the backend plugin collects it, from a kubeconfig and
 * the caller's AWS credentials: nodes and pods listed in pages (completed
 * pods included: the engine counts them apart), the EC2 side of those nodes
 * with the same batched, filtered, paginated calls (`collectEc2Inventory`,
 * `IncludeManagedResources` on both ENI calls), normalised once
 * (each page of pods as it arrives, `toClusterInventory`), then the engine.
 * Throws `CollectionError` when a required part cannot be had.
 */
export async function collectCluster(
  options: CollectOptions,
): Promise<Collected> {
  const target = await loadKubeTarget(options);
  const name = target.clusterName;
  const unreadable = new UnreadableItems();
  const lister = new KubernetesLister({
    target,
    pageSize: options.pageSize,
    requestTimeoutMs: options.requestTimeoutMs,
    progress: options.progress,
  });
  const nodes = await lister.listAll('nodes');
  // Each page's pods kept in the engine's shape as it arrives.
  const podConversion = inventoryPodConversion();
  const pods = await lister.listAll('pods', podConversion.converter);
  const kubernetes = toKubernetesInventoryOfPods(nodes, pods, unreadable);
  unreadable.addAll(podConversion.unreadable());

  const instanceIds = new Map<string, string>();
  for (const node of kubernetes.nodes) {
    if (node.instanceId) instanceIds.set(node.instanceId, node.name);
  }
  const compute = (
    ec2: Ec2Inventory | undefined,
    region: string | undefined,
    problems: ClusterProblem[],
  ): Collected => {
    const inventory = toClusterInventory(name, kubernetes, ec2, unreadable);
    return {
      target,
      ...(region ? { region } : {}),
      capacity: computeClusterCapacity(inventory),
      pods: inventory.pods,
      problems: [...problems, ...unreadable.toProblems(name)],
      calls: { kubernetes: lister.calls, ec2: ec2?.calls ?? {} },
      nodeEnis: inventory.instances.reduce(
        (n, i) => n + i.networkInterfaces.length,
        0,
      ),
    };
  };
  if (instanceIds.size === 0) {
    // No EC2 nodes (empty, Fargate-only or hybrid): nothing to ask EC2.
    options.progress.done();
    return compute(undefined, options.region ?? target.region, []);
  }

  const region =
    options.region ??
    target.region ??
    kubernetes.region ??
    (await sdkDefaultRegion(options.profile));
  if (!region) {
    throw new CollectionError([
      {
        source: 'config',
        code: 'UnknownRegion',
        message: `The AWS region of cluster ${name} is unknown: its nodes have no topology.kubernetes.io/region label, the kubeconfig does not name it, and neither AWS_REGION nor the profile does. Pass --region.`,
      },
    ]);
  }
  options.progress.update(
    `Describing ${plural(instanceIds.size, 'instance')} in ${region}…`,
  );
  const client = await createEc2Client({
    region,
    ...(options.profile ? { profile: options.profile } : {}),
    requestTimeoutMs: options.requestTimeoutMs,
  });
  try {
    let ec2: Ec2Inventory;
    try {
      ec2 = await collectEc2Inventory(client, [...instanceIds.keys()], {
        context: {
          region,
          ...(target.accountId ? { accountId: target.accountId } : {}),
          requestTimeoutMs: options.requestTimeoutMs,
          wording: CLI_AWS_WORDING,
        },
        concurrency: EC2_CONCURRENCY,
        pageSize: EC2_PAGE_SIZE,
      });
    } catch (error) {
      if (error instanceof ClusterProblemError) {
        throw new CollectionError([error.problem]);
      }
      throw error;
    }
    const returned = new Set(ec2.instances.map(i => i?.InstanceId));
    const missing = [...instanceIds]
      .filter(([id]) => !returned.has(id))
      .map(([, node]) => node)
      .sort();
    const problems = [...ec2.problems];
    if (missing.length > 0) {
      const named = missing.slice(0, NAMED_NODES).join(', ');
      const more =
        missing.length > NAMED_NODES
          ? ` and ${missing.length - NAMED_NODES} more`
          : '';
      const problem: ClusterProblem = {
        source: 'ec2',
        code: 'InstancesNotFound',
        action: 'ec2:DescribeInstances',
        message: `EC2 in ${region}${
          target.accountId ? ` (account ${target.accountId})` : ''
        } did not return the instances of ${
          missing.length
        } of cluster ${name}'s ${
          instanceIds.size
        } nodes (${named}${more}). Check --region and that your AWS credentials (--profile) are for the cluster's account.`,
      };
      if (missing.length === instanceIds.size) {
        throw new CollectionError([problem]);
      }
      problems.unshift(problem);
    }
    return compute(ec2, region, problems);
  } finally {
    client.destroy();
    options.progress.done();
  }
}
