import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  WorkloadSelection,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { describeForLog } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import {
  COUNTED_ENTITY_FIELDS,
  selectionsOf,
} from '../service/countedEntities';

/** How long one read of the catalog serves the refreshes that follow it. */
const TTL_MS = 5 * 60_000;

/**
 * Every catalog entity whose pods can be counted (the Kubernetes plugin's
 * annotations), as workload selections, read with the plugin's own
 * credentials: the history keeps one series per entity, whoever may later
 * see it (reads check the caller's permissions). One catalog read serves
 * every cluster of a refresh round; a failed read keeps the last list.
 */
export class EntityDirectory {
  private cached?: { at: number; selections: WorkloadSelection[] };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  async selections(): Promise<WorkloadSelection[]> {
    const now = this.deps.now?.() ?? Date.now();
    if (this.cached && now - this.cached.at < TTL_MS) {
      return this.cached.selections;
    }
    try {
      const { items } = await this.deps.catalog.getEntities(
        {
          filter: [
            {
              [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]:
                CATALOG_FILTER_EXISTS,
            },
            {
              [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]:
                CATALOG_FILTER_EXISTS,
            },
          ],
          fields: COUNTED_ENTITY_FIELDS,
        },
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
      );
      this.cached = { at: now, selections: selectionsOf(items).selections };
    } catch (error) {
      this.deps.logger.warn(
        `Pod IP capacity: could not read the catalog for entity history: ${describeForLog(
          error,
        )}`,
      );
    }
    return this.cached?.selections ?? [];
  }
}
