import { useApi } from '@backstage/core-plugin-api';
import { NodeSortKey } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { podIpCapacityApiRef } from '../../api';
import { ApiErrorPanel } from './ApiErrorPanel';
import { SortState } from './DataTable';
import { fmt } from './format';
import { NodesTable } from './NodesTable';
import { useLoad } from './useLoad';
import { useTypedValue } from './useTypedValue';

/**
 * Nodes one page at a time from `GET /nodes`, filtered, sorted and paged on
 * the server: the browser never holds more than a page of rows, however
 * many nodes there are (the overview's every node; a service's nodes with
 * `entityRef`). Each row's per-ENI report is fetched when it opens.
 */
export const PagedNodesTable = (props: {
  /** "Nodes", "Nodes running its pods": the total is added. */
  title: string;
  /** Only this cluster's nodes. */
  cluster?: string;
  /** Only the nodes running this entity's pods, with its pods on each. */
  entityRef?: string;
  /** The filter the server applies, and where a new one goes (the URL, a state). */
  q: string;
  onQueryChange: (q: string) => void;
  showCluster?: boolean;
  workloadPodsTitle?: string;
  toolbar?: ReactNode;
  testId?: string;
  /** Changes when new data was collected: the page is asked again. */
  version?: string;
}) => {
  const { cluster, entityRef, q, onQueryChange, version } = props;
  const api = useApi(podIpCapacityApiRef);
  const [text, setText] = useState(q);
  // A link that sets the filter shows it in the box; the box's own text
  // stays when it asked for this filter (a trailing space before the next
  // word).
  useEffect(() => setText(t => (t.trim() === q ? t : q)), [q]);
  const ask = useTypedValue(typed => {
    if (typed.trim() !== q) onQueryChange(typed.trim());
  }, 300);
  const onType = useCallback(
    (value: string) => {
      setText(value);
      ask(value);
    },
    [ask],
  );

  const [sort, setSort] = useState<SortState>(
    props.workloadPodsTitle
      ? { column: 'workloadPods', order: 'desc' }
      : { column: 'name', order: 'asc' },
  );
  const [pageSize, setPageSize] = useState(20);
  const pageKey = `${cluster ?? ''}|${entityRef ?? ''}|${q}|${sort.column}|${
    sort.order
  }|${pageSize}`;
  const [paging, setPaging] = useState({ key: pageKey, page: 0 });
  const page = paging.key === pageKey ? paging.page : 0;

  const nodes = useLoad(
    () =>
      api.listNodes({
        cluster,
        entityRef,
        q,
        sort: sort.column as NodeSortKey,
        order: sort.order,
        offset: page * pageSize,
        limit: pageSize,
      }),
    [api, cluster, entityRef, q, sort, page, pageSize, version],
  );
  // The same row objects until a new page comes: unchanged rows are not
  // rendered again (typing into the filter, a page of the URL).
  const rows = useMemo(
    () =>
      (nodes.value?.items ?? []).map(row => ({
        row,
        workloadPods: row.workloadPods,
      })),
    [nodes.value],
  );
  const loadNode = useCallback(
    (clusterName: string, node: string) =>
      api.getNode(clusterName, node).then(d => d.node),
    [api],
  );

  return (
    <>
      {nodes.error !== undefined && (
        <ApiErrorPanel
          title="Could not load the nodes"
          error={nodes.error}
          onRetry={nodes.reload}
        />
      )}
      <NodesTable
        title={
          nodes.value
            ? `${props.title} (${fmt(nodes.value.total)})`
            : props.title
        }
        testId={props.testId}
        rows={rows}
        showCluster={props.showCluster}
        workloadPodsTitle={props.workloadPodsTitle}
        pageSize={pageSize}
        loadNode={loadNode}
        toolbar={props.toolbar}
        filter={{ value: text, onChange: onType }}
        sort={sort}
        onSortChange={setSort}
        remote={{
          total: nodes.value?.total ?? 0,
          page,
          onPageChange: next => setPaging({ key: pageKey, page: next }),
          onPageSizeChange: setPageSize,
          loading: nodes.loading,
        }}
        emptyText={
          nodes.loading ? 'Loading nodes…' : 'No node matches the filter.'
        }
      />
    </>
  );
};
