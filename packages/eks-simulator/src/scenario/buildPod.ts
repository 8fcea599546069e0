import { ownerUid } from './controllers/podGroups';
import { stableHex, stableUuid } from './ids';
import { CREATED_AT } from './resolveInstance';
import { KubeObject, PodPhase, PodSpec } from './types';

function terminatedState(phase: PodPhase) {
  return phase === 'Succeeded'
    ? {
        exitCode: 0,
        reason: 'Completed',
        startedAt: CREATED_AT,
        finishedAt: CREATED_AT,
      }
    : {
        exitCode: 1,
        reason: 'Error',
        startedAt: CREATED_AT,
        finishedAt: CREATED_AT,
      };
}

function containerStatus(
  cluster: string,
  p: PodSpec,
  phase: PodPhase,
  image: string,
) {
  const base = {
    name: 'app',
    image,
    imageID: `${image.split(':')[0]}@sha256:${stableHex(image, 64)}`,
    restartCount: 0,
  };
  // A container that has started (running or finished) has an id.
  const containerID = `containerd://${stableHex(
    `${cluster}/${p.namespace}/${p.name}`,
    64,
  )}`;
  switch (phase) {
    case 'Running':
      return {
        ...base,
        containerID,
        ready: true,
        started: true,
        state: { running: { startedAt: CREATED_AT } },
      };
    case 'Succeeded':
    case 'Failed':
      return {
        ...base,
        containerID,
        ready: false,
        started: false,
        state: { terminated: terminatedState(phase) },
      };
    default:
      return {
        ...base,
        ready: false,
        started: false,
        state: { waiting: { reason: 'ContainerCreating' } },
      };
  }
}

/** A scheduled pod's conditions; an unscheduled one is Unschedulable for want of pods. */
function podConditions(p: PodSpec, phase: PodPhase, podIp?: string) {
  const ready = phase === 'Running' ? 'True' : 'False';
  if (!p.node) {
    return [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message:
          '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available.',
        lastTransitionTime: CREATED_AT,
      },
    ];
  }
  return [
    {
      type: 'PodReadyToStartContainers',
      status: podIp ? 'True' : 'False',
      lastTransitionTime: CREATED_AT,
    },
    { type: 'Initialized', status: 'True', lastTransitionTime: CREATED_AT },
    { type: 'Ready', status: ready, lastTransitionTime: CREATED_AT },
    {
      type: 'ContainersReady',
      status: ready,
      lastTransitionTime: CREATED_AT,
    },
    {
      type: 'PodScheduled',
      status: 'True',
      lastTransitionTime: CREATED_AT,
    },
  ];
}

function podMetadata(cluster: string, p: PodSpec) {
  return {
    name: p.name,
    namespace: p.namespace,
    uid: stableUuid(`${cluster}/pod/${p.namespace}/${p.name}`),
    resourceVersion: '1000',
    creationTimestamp: p.createdAt ?? CREATED_AT,
    labels: p.labels ?? {},
    ...(p.annotations ? { annotations: p.annotations } : {}),
    ...(p.owner
      ? {
          ownerReferences: [
            {
              apiVersion: p.owner.apiVersion ?? 'apps/v1',
              kind: p.owner.kind,
              name: p.owner.name,
              uid: ownerUid(cluster, p.namespace, p.owner.kind, p.owner.name),
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        }
      : {}),
  };
}

/** The Pod object as the API server returns it: one `app` container, status by phase. */
export function buildPod(
  cluster: string,
  p: PodSpec,
  phase: PodPhase,
  podIp: string | undefined,
  hostIp: string | undefined,
): KubeObject {
  const container = p.name
    .replace(/-[a-z0-9]{5}$/, '')
    .replace(/-[a-z0-9]{9,10}$/, '');
  const image =
    p.image ?? `public.ecr.aws/demo/${p.owner?.name ?? container}:1.0.0`;
  const isJob = p.owner?.kind === 'Job';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: podMetadata(cluster, p),
    spec: {
      containers: [
        {
          name: 'app',
          image,
          imagePullPolicy: 'IfNotPresent',
          resources: {
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { memory: '256Mi' },
          },
        },
      ],
      dnsPolicy: p.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      ...(p.node ? { nodeName: p.node } : {}),
      restartPolicy: isJob ? 'Never' : 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      phase,
      conditions: podConditions(p, phase, podIp),
      ...(hostIp ? { hostIP: hostIp, hostIPs: [{ ip: hostIp }] } : {}),
      ...(podIp ? { podIP: podIp, podIPs: [{ ip: podIp }] } : {}),
      ...(p.node ? { startTime: p.createdAt ?? CREATED_AT } : {}),
      containerStatuses: p.node
        ? [containerStatus(cluster, p, phase, image)]
        : undefined,
      qosClass: 'Burstable',
    },
  };
}
