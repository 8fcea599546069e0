import { ownerUid } from '../controllers/podGroups';
import { stableHex } from '../ids';
import { CREATED_AT } from '../resolveInstance';
import { AwsNodeSpec, EniConfigSpec, KubeObject } from '../types';
import { crdMetadata } from './crdObject';

/*
 * The VPC CNI as a cluster runs it: the `kube-system/aws-node` DaemonSet, whose container
 * `aws-node` carries the settings of how-pod-ips-are-counted.md §7 in its environment, and
 * its `ENIConfig`s for custom networking.
 */

const isAwsNodePod = (p: KubeObject) =>
  p.metadata.namespace === 'kube-system' &&
  (p.metadata.ownerReferences ?? []).some(
    (r: { kind: string; name: string }) =>
      r.kind === 'DaemonSet' && r.name === 'aws-node',
  );

/**
 * The scenario's variables as the add-on writes them (strings, in the scenario's order),
 * then `MY_NODE_NAME`, which every aws-node manifest sets from the downward API: clients
 * must expect `valueFrom` entries.
 */
function awsNodeEnv(spec: AwsNodeSpec) {
  return [
    ...Object.entries(spec.env ?? {}).map(([name, value]) => ({
      name,
      value: String(value),
    })),
    {
      name: 'MY_NODE_NAME',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
    },
  ];
}

function awsNodeImage(spec: AwsNodeSpec, region: string) {
  return `602401143452.dkr.ecr.${region}.amazonaws.com/amazon-k8s-cni:${
    spec.version ?? 'v1.19.5-eksbuild.1'
  }`;
}

function awsNodeContainer(spec: AwsNodeSpec, region: string) {
  return {
    name: 'aws-node',
    image: awsNodeImage(spec, region),
    imagePullPolicy: 'IfNotPresent',
    env: awsNodeEnv(spec),
    ports: [{ containerPort: 61678, name: 'metrics', protocol: 'TCP' }],
    resources: { requests: { cpu: '25m' } },
    securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
  };
}

/** The add-on keeps aws-node off Fargate, hybrid and Auto Mode nodes (Auto Mode has its own CNI). */
const AWS_NODE_AFFINITY = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
            {
              key: 'kubernetes.io/arch',
              operator: 'In',
              values: ['amd64', 'arm64'],
            },
            {
              key: 'eks.amazonaws.com/compute-type',
              operator: 'NotIn',
              values: ['fargate', 'hybrid', 'auto'],
            },
          ],
        },
      ],
    },
  },
};

/** Gives the aws-node pods the CNI's container (before their DaemonSet is derived from them). */
export function applyAwsNodeToPods(
  pods: KubeObject[],
  spec: AwsNodeSpec,
  region: string,
): void {
  const container = awsNodeContainer(spec, region);
  for (const pod of pods.filter(isAwsNodePod)) {
    pod.spec.containers = [container];
    pod.spec.affinity = AWS_NODE_AFFINITY;
    pod.status.containerStatuses = pod.status.containerStatuses?.map(
      (s: Record<string, unknown>) => ({
        ...s,
        name: 'aws-node',
        image: container.image,
        imageID: `${container.image.split(':')[0]}@sha256:${stableHex(
          container.image,
          64,
        )}`,
      }),
    );
  }
}

/** The DaemonSet of a cluster whose scenario lists no aws-node pods (no nodes run it yet). */
function emptyAwsNodeDaemonSet(
  cluster: string,
  spec: AwsNodeSpec,
  region: string,
): KubeObject {
  const labels = { 'k8s-app': 'aws-node' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'aws-node',
      namespace: 'kube-system',
      uid: ownerUid(cluster, 'kube-system', 'DaemonSet', 'aws-node'),
      resourceVersion: '1000',
      generation: 1,
      creationTimestamp: CREATED_AT,
      labels,
    },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [awsNodeContainer(spec, region)],
          hostNetwork: true,
          restartPolicy: 'Always',
        },
      },
    },
    status: {
      currentNumberScheduled: 0,
      desiredNumberScheduled: 0,
      numberMisscheduled: 0,
      numberReady: 0,
      updatedNumberScheduled: 0,
      observedGeneration: 1,
    },
  };
}

/** Makes sure the (derived) daemonsets list holds a kube-system/aws-node of the CNI's shape. */
export function applyAwsNodeToDaemonSets(
  cluster: string,
  daemonsets: KubeObject[],
  spec: AwsNodeSpec,
  region: string,
): void {
  let ds = daemonsets.find(
    d =>
      d.metadata.namespace === 'kube-system' && d.metadata.name === 'aws-node',
  );
  if (!ds) {
    ds = emptyAwsNodeDaemonSet(cluster, spec, region);
    daemonsets.push(ds);
    daemonsets.sort((a, b) => {
      const ka = `${a.metadata.namespace}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace}/${b.metadata.name}`;
      return ka < kb ? -1 : 1;
    });
  }
  ds.spec.template.spec.affinity = AWS_NODE_AFFINITY;
  ds.spec.updateStrategy = {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' },
  };
}

/** An `ENIConfig` (crd.k8s.amazonaws.com/v1alpha1); it has no status. */
export function buildEniConfig(
  cluster: string,
  spec: EniConfigSpec,
): KubeObject {
  return {
    apiVersion: 'crd.k8s.amazonaws.com/v1alpha1',
    kind: 'ENIConfig',
    metadata: crdMetadata(cluster, 'ENIConfig', spec.name),
    spec: {
      subnet: spec.subnet,
      ...(spec.securityGroups ? { securityGroups: spec.securityGroups } : {}),
    },
  };
}
