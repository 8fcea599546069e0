import { KubeObject } from '../scenario/types';
import { addOnColumns, Column } from './addOnColumns';

/** kubectl's human output asks for `application/json;as=Table;v=v1;g=meta.k8s.io`. */
export function wantsTable(accept: string | undefined): boolean {
  return Boolean(
    accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept),
  );
}

function age(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>';
  const seconds = Math.max(
    0,
    Math.floor((Date.now() - Date.parse(timestamp)) / 1000),
  );
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

const TABLE_COLUMNS: Record<string, Column[]> = {
  ...addOnColumns(o => age(o.metadata.creationTimestamp)),
  pods: [
    { name: 'Name', type: 'string', cell: o => o.metadata.name },
    {
      name: 'Ready',
      type: 'string',
      cell: o =>
        `${
          (o.status?.containerStatuses ?? []).filter((c: any) => c.ready).length
        }/${o.spec?.containers?.length ?? 0}`,
    },
    {
      name: 'Status',
      type: 'string',
      cell: o =>
        o.status?.containerStatuses?.[0]?.state?.terminated?.reason ??
        o.status?.phase,
    },
    { name: 'Restarts', type: 'string', cell: () => '0' },
    {
      name: 'Age',
      type: 'string',
      cell: o => age(o.metadata.creationTimestamp),
    },
    {
      name: 'IP',
      type: 'string',
      priority: 1,
      cell: o => o.status?.podIP ?? '<none>',
    },
    {
      name: 'Node',
      type: 'string',
      priority: 1,
      cell: o => o.spec?.nodeName ?? '<none>',
    },
  ],
  nodes: [
    { name: 'Name', type: 'string', cell: o => o.metadata.name },
    { name: 'Status', type: 'string', cell: () => 'Ready' },
    { name: 'Roles', type: 'string', cell: () => '<none>' },
    {
      name: 'Age',
      type: 'string',
      cell: o => age(o.metadata.creationTimestamp),
    },
    {
      name: 'Version',
      type: 'string',
      cell: o => o.status?.nodeInfo?.kubeletVersion,
    },
    {
      name: 'Internal-IP',
      type: 'string',
      priority: 1,
      cell: o =>
        o.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address,
    },
    {
      name: 'Instance-Type',
      type: 'string',
      priority: 1,
      cell: o => o.metadata.labels?.['node.kubernetes.io/instance-type'],
    },
  ],
};

/** The server-side printing kubectl asks for (meta.k8s.io/v1 Table, objects as metadata). */
export function toTable(
  resource: string,
  list: { metadata: Record<string, unknown>; items: KubeObject[] },
) {
  const columns = TABLE_COLUMNS[resource] ?? [
    { name: 'Name', type: 'string', cell: (o: KubeObject) => o.metadata.name },
    {
      name: 'Age',
      type: 'string',
      cell: (o: KubeObject) => age(o.metadata.creationTimestamp),
    },
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: list.metadata,
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.name === 'Name' ? 'name' : '',
      description: c.name,
      priority: c.priority ?? 0,
    })),
    rows: list.items.map(o => ({
      cells: columns.map(c => c.cell(o) ?? '<none>'),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: o.metadata,
      },
    })),
  };
}
