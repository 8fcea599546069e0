import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { podIpCapacityApiRef } from '../../api';
import {
  hasKubernetesAnnotations,
  isAggregateEntity,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { SnapshotBanner } from '../common/SnapshotStatus';
import { usePolling } from '../common/usePolling';
import { OwnerView } from './OwnerView';
import { ServiceView, workloadsWithPods } from './ServiceView';
import { MissingAnnotations, NoPodsFound } from './SetupHelp';

const EntityCapacity = (props: {
  entityRef: string;
  name: string;
  aggregate: boolean;
}) => {
  const { entityRef, name, aggregate } = props;
  const api = useApi(podIpCapacityApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityCapacity(entityRef),
    [api, entityRef],
  );
  const pending =
    !!value &&
    (value.clusters.length === 0 ||
      value.clusters.some(c => c.snapshot.status === 'pending'));
  usePolling(pending && !loading, retry);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;

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
    const hasPods = value.clusters.some(c => (c.usage?.pods ?? 0) > 0);
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
