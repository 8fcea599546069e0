import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';
import { ClusterOverride } from '../../config';

/** How to reach the EC2 API of a cluster's account and region. */
export interface ClusterAwsSettings {
  roleArn?: string;
  externalId?: string;
  accountId?: string;
  region?: string;
}

/**
 * The assume-role settings of clusters as their definitions carry them: the
 * Kubernetes backend's `/clusters` leaves auth metadata out, so we read the
 * definitions it was given: `kubernetes.clusterLocatorMethods` entries of type
 * `config`, and `kubernetes-cluster` Resources for the `catalog` locator.
 */
export function roleSettingsFromKubernetesConfig(
  config: Config,
): Map<string, ClusterAwsSettings> {
  const settings = new Map<string, ClusterAwsSettings>();
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const authMetadata =
        (cluster.getOptional('authMetadata') as Record<string, string>) ?? {};
      const roleArn =
        authMetadata[ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE] ??
        cluster.getOptionalString('assumeRole');
      const externalId =
        authMetadata[ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID] ??
        cluster.getOptionalString('externalId');
      settings.set(cluster.getString('name'), {
        ...(roleArn ? { roleArn } : {}),
        ...(externalId ? { externalId } : {}),
      });
    }
  }
  return settings;
}

/** The same, from the catalog's `kubernetes-cluster` Resources. */
export function roleSettingsFromCatalog(
  entities: Entity[],
): Map<string, ClusterAwsSettings> {
  const settings = new Map<string, ClusterAwsSettings>();
  for (const entity of entities) {
    const annotations = entity.metadata.annotations ?? {};
    const roleArn = annotations[ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE];
    const externalId = annotations[ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID];
    settings.set(entity.metadata.name, {
      ...(roleArn ? { roleArn } : {}),
      ...(externalId ? { externalId } : {}),
    });
  }
  return settings;
}

/** `arn:aws:iam::123456789012:role/name` → `123456789012`. */
export function accountIdOfRoleArn(arn: string | undefined) {
  return arn?.match(/^arn:aws[\w-]*:iam::(\d{12}):/)?.[1];
}

/**
 * Merges what is known of a cluster: `podIpCapacity.clusters` wins over the
 * cluster's own definition, which wins over nothing.
 */
export function mergeClusterAwsSettings(
  fromDefinition: ClusterAwsSettings | undefined,
  override: ClusterOverride | undefined,
): ClusterAwsSettings {
  const roleArn = override?.roleArn ?? fromDefinition?.roleArn;
  const accountId = override?.accountId ?? accountIdOfRoleArn(roleArn);
  const region = override?.region;
  return {
    ...(roleArn ? { roleArn } : {}),
    ...(fromDefinition?.externalId
      ? { externalId: fromDefinition.externalId }
      : {}),
    ...(accountId ? { accountId } : {}),
    ...(region ? { region } : {}),
  };
}
