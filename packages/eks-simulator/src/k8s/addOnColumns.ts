import { KubeObject } from '../scenario/types';

/*
 * kubectl's columns for the add-on kinds: the `additionalPrinterColumns` of Karpenter's and
 * Auto Mode's CRDs, and the DaemonSet columns of the API server's own printer (the VPC
 * CNI's aws-node is one).
 */

export type Column = {
  name: string;
  type: string;
  priority?: number;
  cell: (o: KubeObject) => unknown;
};

const ready = (o: KubeObject) =>
  (o.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status;

export function addOnColumns(age: Column['cell']): Record<string, Column[]> {
  const name: Column = {
    name: 'Name',
    type: 'string',
    cell: o => o.metadata.name,
  };
  const ageColumn: Column = { name: 'Age', type: 'date', cell: age };
  const n = (v: unknown) => (v === undefined ? undefined : Number(v));
  return {
    ec2nodeclasses: [
      name,
      { name: 'Ready', type: 'string', cell: ready },
      ageColumn,
      { name: 'Role', type: 'string', priority: 1, cell: o => o.spec?.role },
    ],
    nodepools: [
      name,
      {
        name: 'NodeClass',
        type: 'string',
        cell: o => o.spec?.template?.spec?.nodeClassRef?.name,
      },
      { name: 'Nodes', type: 'string', cell: o => o.status?.resources?.nodes },
      { name: 'Ready', type: 'string', cell: ready },
      ageColumn,
      {
        name: 'Weight',
        type: 'integer',
        priority: 1,
        cell: o => o.spec?.weight,
      },
      {
        name: 'CPU',
        type: 'string',
        priority: 1,
        cell: o => o.status?.resources?.cpu,
      },
      {
        name: 'Memory',
        type: 'string',
        priority: 1,
        cell: o => o.status?.resources?.memory,
      },
    ],
    nodeclasses: [
      name,
      { name: 'Role', type: 'string', cell: o => o.spec?.role },
      { name: 'Ready', type: 'string', cell: ready },
      ageColumn,
    ],
    daemonsets: [
      name,
      {
        name: 'Desired',
        type: 'integer',
        cell: o => n(o.status?.desiredNumberScheduled),
      },
      {
        name: 'Current',
        type: 'integer',
        cell: o => n(o.status?.currentNumberScheduled),
      },
      { name: 'Ready', type: 'integer', cell: o => n(o.status?.numberReady) },
      {
        name: 'Up-to-date',
        type: 'integer',
        cell: o => n(o.status?.updatedNumberScheduled),
      },
      {
        name: 'Available',
        type: 'integer',
        cell: o => n(o.status?.numberAvailable ?? 0),
      },
      {
        name: 'Node Selector',
        type: 'string',
        cell: o =>
          Object.entries(o.spec?.template?.spec?.nodeSelector ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(',') || '<none>',
      },
      ageColumn,
      {
        name: 'Containers',
        type: 'string',
        priority: 1,
        cell: o =>
          (o.spec?.template?.spec?.containers ?? [])
            .map((c: any) => c.name)
            .join(','),
      },
      {
        name: 'Images',
        type: 'string',
        priority: 1,
        cell: o =>
          (o.spec?.template?.spec?.containers ?? [])
            .map((c: any) => c.image)
            .join(','),
      },
    ],
  };
}
