import {
  ClusterProblem,
  ClusterProblemError,
  ProvisioningObjects,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import {
  KubernetesPluginClient,
  RequestLimits,
} from '../kubernetes/KubernetesPluginClient';

/**
 * The add-on resources foresight reads (how-pod-ips-are-counted.md §7),
 * each optional: the RBAC the README documents for them is exactly this.
 */
const RESOURCES = [
  {
    key: 'ec2nodeclasses',
    path: '/apis/karpenter.k8s.aws/v1/ec2nodeclasses',
    verb: 'list',
    resource: 'ec2nodeclasses.karpenter.k8s.aws',
    unknown: "where Karpenter's next node lands is not known",
  },
  {
    key: 'nodepools',
    path: '/apis/karpenter.sh/v1/nodepools',
    verb: 'list',
    resource: 'nodepools.karpenter.sh',
    unknown: 'which node class each node pool uses is not known',
  },
  {
    key: 'nodeclasses',
    path: '/apis/eks.amazonaws.com/v1/nodeclasses',
    verb: 'list',
    resource: 'nodeclasses.eks.amazonaws.com',
    unknown: "where EKS Auto Mode's next node lands is not known",
  },
  {
    key: 'eniconfigs',
    path: '/apis/crd.k8s.amazonaws.com/v1alpha1/eniconfigs',
    verb: 'list',
    resource: 'eniconfigs.crd.k8s.amazonaws.com',
    unknown: 'where custom networking takes pod IPs from is not known',
  },
  {
    key: 'aws-node',
    path: '/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node',
    verb: 'get',
    resource: 'daemonsets.apps aws-node in kube-system',
    unknown:
      "the VPC CNI's warm settings are not known (its defaults are assumed)",
  },
  {
    key: 'deployments',
    path: '/apis/apps/v1/deployments',
    verb: 'list',
    resource: 'deployments.apps',
    unknown:
      "the rollout what-if takes a Deployment's replicas from its pods, and Kubernetes' default strategy",
  },
] as const;

type ResourceKey = (typeof RESOURCES)[number]['key'];

/** What the add-on reads brought back. */
export interface ProvisioningRead {
  objects: ProvisioningObjects;
  /** Every Deployment of the cluster; undefined when not read. */
  deployments?: unknown[];
  /** What could not be read, in our own words; a CRD that is not installed is none. */
  notes: ClusterProblem[];
  /** Requests made, per resource: the figure the benchmarks report. */
  calls: Record<string, number>;
}

/**
 * Reads a cluster's Karpenter `EC2NodeClass`es and `NodePool`s, EKS Auto
 * Mode `NodeClass`es, `ENIConfig`s, the `aws-node` DaemonSet and the
 * Deployments through the Kubernetes plugin's proxy, exactly as nodes and
 * pods are read (paged lists, one timeout per request), all at once.
 * Each is optional and never fails the refresh: a 404 (the CRD is not
 * installed, or no aws-node in an Auto Mode cluster) is simply nothing; a
 * 403 is a note naming the RBAC verb and resource to grant; anything
 * else (a timeout, a 5xx) a note in the words the node and pod lists use.
 * Never rejects.
 */
export async function readProvisioning(
  client: KubernetesPluginClient,
  cluster: string,
  options: { pageSize: number } & RequestLimits,
): Promise<ProvisioningRead> {
  const notes: ClusterProblem[] = [];
  const calls: Record<string, number> = {};
  const read = async (spec: (typeof RESOURCES)[number]) => {
    try {
      if (spec.verb === 'get') {
        calls[spec.key] = 1;
        return [await client.getOne<unknown>(cluster, spec.path, options)];
      }
      const listed = await client.listAll<unknown>(cluster, spec.path, options);
      calls[spec.key] = listed.pages;
      return listed.items;
    } catch (error) {
      calls[spec.key] = calls[spec.key] ?? 1;
      // The refresh ran out of time: its own failure says so.
      if (options.signal?.aborted) return undefined;
      const note = noteOf(cluster, spec, error);
      if (note) notes.push(note);
      return undefined;
    }
  };
  const results = await Promise.all(RESOURCES.map(read));
  const got = (key: ResourceKey) =>
    results[RESOURCES.findIndex(r => r.key === key)];
  const awsNode = got('aws-node');
  return {
    objects: {
      ...(got('ec2nodeclasses')
        ? { ec2NodeClasses: got('ec2nodeclasses') }
        : {}),
      ...(got('nodepools') ? { nodePools: got('nodepools') } : {}),
      ...(got('nodeclasses')
        ? { autoModeNodeClasses: got('nodeclasses') }
        : {}),
      ...(got('eniconfigs') ? { eniConfigs: got('eniconfigs') } : {}),
      ...(awsNode ? { awsNode: awsNode[0] } : {}),
    },
    ...(got('deployments') ? { deployments: got('deployments') } : {}),
    notes: notes.sort((a, b) => a.message.localeCompare(b.message)),
    calls,
  };
}

/** Nothing for a missing CRD; the RBAC to grant for a 403; else the list's own problem. */
function noteOf(
  cluster: string,
  spec: (typeof RESOURCES)[number],
  error: unknown,
): ClusterProblem | undefined {
  if (!(error instanceof ClusterProblemError)) {
    return {
      source: 'internal',
      code: 'InternalError',
      message: `Pod IP Capacity failed reading ${spec.resource} in cluster ${cluster}, so ${spec.unknown}. The next refresh tries again.`,
    };
  }
  const { problem } = error;
  if (problem.code === 'NotFound') return undefined;
  if (problem.code === 'Forbidden') {
    return {
      source: 'kubernetes',
      code: 'Forbidden',
      message: `Backstage may not ${spec.verb} ${spec.resource} in cluster ${cluster} (HTTP 403), so ${spec.unknown}. Grant its Kubernetes identity "${spec.verb}" on ${spec.resource} (the ClusterRole in the plugin's README).`,
    };
  }
  return {
    ...problem,
    message: `${problem.message} Until then ${spec.unknown}.`,
  };
}

/**
 * Starts `readProvisioning` beside the node and pod lists; `cancel` ends
 * its requests when the refresh fails without it.
 */
export function startProvisioningRead(
  client: KubernetesPluginClient,
  cluster: string,
  options: { pageSize: number } & RequestLimits,
): { result: Promise<ProvisioningRead>; cancel(): void } {
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  return {
    result: readProvisioning(client, cluster, { ...options, signal }),
    cancel: () => controller.abort(),
  };
}
