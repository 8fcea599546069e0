import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { useEffect, useState } from 'react';
import { podIpCapacityApiRef } from '../../api';
import {
  hasKubernetesAnnotations,
  isAggregateEntity,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { ApiErrorPanel } from '../common/ApiErrorPanel';
import { SnapshotBanner } from '../common/SnapshotStatus';
import { useLoad } from '../common/useLoad';
import { OwnerView } from './OwnerView';
import { allPods, ServiceView, workloadsWithPods } from './ServiceView';
import { MissingAnnotations, NoPodsFound } from './SetupHelp';

/** How often the tab asks again, so that figures and ages stay current. */
const ENTITY_POLL_MS = 60_000;
/** While a cluster has not been collected yet. */
const PENDING_POLL_MS = 5_000;

const EntityCapacity = (props: {
  entityRef: string;
  name: string;
  aggregate: boolean;
}) => {
  const { entityRef, name, aggregate } = props;
  const api = useApi(podIpCapacityApiRef);
  const [pending, setPending] = useState(false);
  const { value, loading, error, reload } = useLoad(
    () => api.getEntityCapacity(entityRef),
    [api, entityRef],
    // Until the first collection is done, and then on a schedule: the
    // figures (and "collected … ago") stay current.
    pending ? PENDING_POLL_MS : ENTITY_POLL_MS,
  );
  useEffect(
    () =>
      setPending(
        !!value &&
          (value.clusters.length === 0 ||
            value.clusters.some(c => c.snapshot.status === 'pending')),
      ),
    [value],
  );

  if (loading && !value) return <Progress />;
  if (!value) {
    return (
      <ApiErrorPanel
        title="Could not load this entity's pod IPs"
        error={error}
        onRetry={reload}
      />
    );
  }

  const banners = value.clusters.map(c => (
    <SnapshotBanner
      key={c.cluster.name}
      cluster={c.cluster.name}
      snapshot={c.snapshot}
    />
  ));
  const clusterNames = value.clusters.map(c => c.cluster.name);
  const allPending =
    value.clusters.length === 0 ||
    value.clusters.every(c => c.snapshot.status === 'pending');

  let body;
  if (allPending) {
    body = (
      <EmptyState
        missing="data"
        title="Collecting pod IP data…"
        description={
          value.clusters.length === 0
            ? 'The backend knows no clusters yet. Clusters come from the Kubernetes plugin’s configuration; this page refreshes by itself.'
            : `The backend has not collected ${clusterNames.join(
                ', ',
              )} yet. This page refreshes by itself.`
        }
      />
    );
  } else if (aggregate) {
    const hasPods = value.clusters.some(c =>
      (c.usage?.entities ?? []).some(w => allPods(w) > 0),
    );
    body = hasPods ? (
      <OwnerView response={value} />
    ) : (
      <NoPodsFound name={name} aggregate clusters={clusterNames} />
    );
  } else {
    const workloads = workloadsWithPods(value);
    body =
      workloads.length > 0 ? (
        <ServiceView
          entityRef={entityRef}
          workloads={workloads}
          withoutPods={value.clusters
            .filter(
              c =>
                c.usage &&
                !workloads.some(w => w.cluster.cluster.name === c.cluster.name),
            )
            .map(c => c.cluster.name)}
        />
      ) : (
        <NoPodsFound name={name} aggregate={false} clusters={clusterNames} />
      );
  }

  return (
    <>
      {error !== undefined && (
        <ApiErrorPanel
          title="Could not update this entity's pod IPs"
          error={error}
          onRetry={reload}
        />
      )}
      {banners.map((banner, i) => (
        <Box key={i}>{banner}</Box>
      ))}
      <Box mt={1}>{body}</Box>
    </>
  );
};

/**
 * The "Pod IP Capacity" tab of an entity page. For a Component or
 * Resource: how many more replicas can get a pod IP, per cluster, and the
 * nodes and subnets its pods use. For a Group, User or System: the services
 * it owns or contains and its share of each cluster.
 *
 * @public
 */
export const EntityPodIpCapacityContent = () => {
  const { entity } = useEntity();
  const aggregate = isAggregateEntity(entity);
  if (!aggregate && !hasKubernetesAnnotations(entity)) {
    return <MissingAnnotations name={entity.metadata.name} />;
  }
  return (
    <EntityCapacity
      entityRef={stringifyEntityRef(entity)}
      name={entity.metadata.name}
      aggregate={aggregate}
    />
  );
};
