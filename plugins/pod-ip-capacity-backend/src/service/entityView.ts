import { Entity } from '@backstage/catalog-model';
import {
  EntityProblem,
  OwnerUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { CapacitySnapshotData } from '../collection/types';
import { CapacitySummary } from '../snapshots/capacitySnapshots';
import { StoredClusterList, StoredSnapshot } from '../snapshots/SnapshotStore';

/**
 * An entity the caller may see, what it counts, and the snapshots its usage
 * is read from: what `GET /entity` and `GET /nodes?entityRef=` share.
 */
export interface EntityView {
  entity: Entity;
  /** The entities whose pods are counted: the entity, or what it owns. */
  counted: Entity[];
  problems: EntityProblem[];
  /** The entity and its selections: what its per-snapshot results are kept by. */
  key: string;
  entries: Array<{
    cluster: StoredClusterList['clusters'][number];
    stored?: StoredSnapshot<CapacitySummary>;
    refreshing: boolean;
  }>;
  /** Each entry's snapshot data, where there is one. */
  sources: Array<CapacitySnapshotData | undefined>;
  /** The entity's usage in one snapshot, computed once per snapshot version. */
  usageOf(source: CapacitySnapshotData): OwnerUsage;
}
