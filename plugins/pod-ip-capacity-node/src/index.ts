/**
 * Pod IP Capacity for Node.js: what the backend plugin and the CLI share to
 * collect an EKS cluster without Backstage — the batched, paginated EC2
 * calls, the Kubernetes-object and EC2 normalisation into the engine's
 * `ClusterInventory`, the classification of failed AWS calls, and the table
 * views (node rows, subnets by risk) of the REST API.
 *
 * @packageDocumentation
 */

export { collectEc2Inventory } from './aws/collectEc2Inventory';
export type {
  CollectEc2Options,
  Ec2Inventory,
} from './aws/collectEc2Inventory';
export {
  awsErrorFacts,
  awsProblem,
  BACKEND_AWS_WORDING,
} from './aws/awsProblem';
export type { AwsCallContext, AwsProblemWording } from './aws/awsProblem';
export { awsRequestHandler } from './aws/awsRequestHandler';
export {
  inventoryPodConversion,
  toInventoryPod,
  toKubernetesInventory,
  toKubernetesInventoryOfPods,
} from './kubernetes/toKubernetesInventory';
export type {
  KubeObject,
  KubernetesInventory,
  ListedInventoryPods,
  ListedKubeObjects,
} from './kubernetes/toKubernetesInventory';
export {
  instanceIdOfProviderId,
  regionOfNodes,
  zoneOfProviderId,
} from './kubernetes/nodeLocation';
export { toClusterInventory } from './toClusterInventory';
export {
  cniSettingsOf,
  resolveProvisioning,
  termsToResolve,
  toProvisioning,
} from './kubernetes/toProvisioning';
export type {
  NodeClassSelectors,
  ProvisioningObjects,
  SubnetSelectorTerm,
  UnresolvedProvisioning,
} from './kubernetes/toProvisioning';
export { deploymentOfPod, toDeployments } from './kubernetes/toDeployments';
export { resolveSubnetSelectors } from './aws/resolveSubnetSelectors';
export type { ResolvedSubnetSelectors } from './aws/resolveSubnetSelectors';
export { UnreadableItems } from './unreadableItems';
export type { UnreadableKind } from './unreadableItems';
export {
  ClusterProblemError,
  CollectionFailedError,
  problemsOf,
  toClusterProblem,
} from './lib/problems';
export type { ClusterProblem } from './lib/problems';
export { describeForLog, redact, safeCode } from './lib/redact';
export { chunk } from './lib/chunk';
export { mapWithConcurrency } from './lib/mapWithConcurrency';
export { compareRows, matchesQuery, toNodeRow } from './views/nodeRows';
export {
  compareSubnetsByRisk,
  compareSubnetsByUrgency,
} from './views/subnetRisk';
export { retryAfterMs } from './lib/retryAfter';
