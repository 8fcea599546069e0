import {
  computeWorkloadUsage,
  KUBERNETES_ID_LABEL,
  WorkloadPodWithoutNodeIp,
  WorkloadSelection,
  WorkloadUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { toNodeRow } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { Collected } from '../collect';
import { num, plural, WALL_TEXT } from '../render/format';
import { Style } from '../render/style';
import { renderTable } from '../render/table';
import { nodeTable } from './nodes';
import { subnetTable } from './subnets';

/**
 * The entity tab's view of one service: its pods selected as Backstage's
 * Kubernetes plugin selects them (the pod label
 * `backstage.io/kubernetes-id=<id>`, or a label selector; a namespace
 * narrows either), computed by the engine's `computeWorkloadUsage`.
 */
export function serviceUsage(
  collected: Collected,
  selection: Pick<
    WorkloadSelection,
    'kubernetesId' | 'labelSelector' | 'namespace'
  >,
): WorkloadUsage {
  return computeWorkloadUsage(
    [{ capacity: collected.capacity, pods: collected.pods }],
    selection,
  );
}

const REASON_TEXT: Record<WorkloadPodWithoutNodeIp['reason'], string> = {
  completed: 'completed: its pod IP is stale, already released',
  'host-network': "hostNetwork: uses the node's own IP",
  'pending-without-ip': 'pending: no IP yet',
  'ip-outside-node-prefixes': "IP outside its node's prefixes",
};

function selectionText(selection: WorkloadSelection): string {
  const what = selection.labelSelector
    ? `pods matching ${selection.labelSelector}`
    : `pods labelled ${KUBERNETES_ID_LABEL}=${selection.kubernetesId}`;
  return selection.namespace
    ? `${what} in namespace ${selection.namespace}`
    : what;
}

/** "12 more replicas can get a pod IP, limited by …", then its pods, subnets and nodes. */
export function renderService(
  collected: Collected,
  usage: WorkloadUsage,
  style: Style,
): string[] {
  const cluster = collected.capacity.cluster;
  const name =
    usage.selection.kubernetesId ?? usage.selection.labelSelector ?? '';
  const completed = usage.podsWithoutNodeIp.filter(
    p => p.reason === 'completed',
  ).length;
  if (usage.pods + completed === 0) {
    return [
      `No ${selectionText(usage.selection)} in cluster ${cluster} (context ${
        collected.target.contextName
      }).`,
    ];
  }
  const { replicas, onCurrentNodes, wall } = usage.headroom;
  const more =
    replicas === 0
      ? 'No more replicas can get a pod IP'
      : `${plural(replicas, 'more replica')} can get a pod IP`;
  const lines = [
    `${style.bold(name)} in ${cluster}: ${more}, limited by ${WALL_TEXT[wall]}`,
    `  ${plural(usage.podsWithVpcIp, 'pod')} with a pod IP on ${plural(
      usage.nodes.length,
      'node',
    )}${
      onCurrentNodes !== replicas
        ? `; ${num(onCurrentNodes)} more fit on the nodes it runs on now`
        : ''
    }${
      usage.unattributedPods > 0
        ? `; ${plural(
            usage.unattributedPods,
            'pod',
          )} with an IP outside its node's prefixes (branch ENI or Fargate)`
        : ''
    }. Subnets: ${
      usage.subnets
        .map(
          s =>
            `${s.subnet.cidr} has ${plural(
              s.subnet.freePrefixBlocks,
              'free /28 block',
            )} (${plural(s.subnet.available, 'free IP')})`,
        )
        .join('; ') || 'none'
    }.`,
    '',
    style.bold(
      `Pods: ${num(usage.podList.filter(p => p.attributed).length)} of ${num(
        usage.pods,
      )} hold a pod IP of their node${
        completed > 0 ? `, and ${plural(completed, 'completed pod')}` : ''
      }`,
    ),
    ...renderTable(
      [
        { header: 'NAMESPACE' },
        { header: 'POD' },
        { header: 'PHASE' },
        { header: 'NODE' },
        { header: 'POD IP' },
        { header: 'ENI' },
        { header: 'SUBNET' },
      ],
      usage.podList.map(p => [
        p.namespace,
        p.name,
        p.phase,
        p.nodeName ?? '–',
        p.podIp ?? '–',
        p.networkInterfaceId ?? '–',
        p.subnetId ?? '–',
      ]),
      { header: style.bold },
    ),
  ];
  if (usage.podsWithoutNodeIp.length > 0) {
    lines.push(
      '',
      style.bold(
        `Pods without a pod IP of their node (${num(
          usage.podsWithoutNodeIp.length,
        )})`,
      ),
      ...renderTable(
        [
          { header: 'NAMESPACE' },
          { header: 'POD' },
          { header: 'PHASE' },
          { header: 'NODE' },
          { header: 'IP IN ITS STATUS' },
          { header: 'WHY' },
        ],
        usage.podsWithoutNodeIp.map(p => [
          p.namespace,
          p.name,
          p.phase,
          p.nodeName ?? '–',
          p.podIp ?? '–',
          `${REASON_TEXT[p.reason]}${
            p.unattributedReason ? ` (${p.unattributedReason})` : ''
          }`,
        ]),
        { header: style.bold },
      ),
    );
  }
  if (usage.subnets.length > 0) {
    const its = new Map(usage.subnets.map(s => [s.subnet.subnetId, s]));
    lines.push(
      '',
      style.bold('Subnets its pod IPs come from'),
      ...subnetTable(
        usage.subnets.map(s => s.subnet),
        style,
        {
          title: 'ITS POD IPS',
          of: s => its.get(s.subnetId)?.workloadPodIps ?? 0,
        },
      ),
    );
  }
  if (usage.nodes.length > 0) {
    const pods = new Map(usage.nodes.map(n => [n.node.name, n.workloadPods]));
    lines.push(
      '',
      style.bold('Nodes running its pods'),
      ...nodeTable(
        usage.nodes.map(n => toNodeRow(n.cluster, n.node)),
        style,
        { title: 'ITS PODS', of: row => pods.get(row.name) ?? 0 },
      ),
    );
  }
  return lines;
}
