/**
 * Pod IP Capacity: shared types and the capacity engine.
 *
 * @packageDocumentation
 */

export { POD_IP_CAPACITY_PLUGIN_ID } from './constants';
export * from './permissions';
export * from './entities';
export * from './types';
export * from './schema/openapi/generated/endpoints';
export * from './schema/openapi/generated/client';
export { subnetUsableAddresses } from './ip/subnetUsableAddresses';
export type { Ipv4Range } from './ip/ipv4';
export { podHoldsVpcIpv4 } from './pods/podHoldsVpcIpv4';
export { parseLabelSelector, matchesLabelSelector } from './pods/labelSelector';
export type { LabelRequirement } from './pods/labelSelector';
export {
  maxPodsCeiling,
  maxPodsPrefix,
  maxPodsSecondaryIp,
  supportsPrefixDelegation,
} from './limits/maxPods';
export type { MaxPodsOptions } from './limits/maxPods';
export { computeEniUsage } from './enis/computeEniUsage';
export {
  classifySubnetBlocks,
  freeBlockBases,
} from './subnets/freeAlignedBlocks';
export type {
  SubnetBlocks,
  SubnetOccupancy,
} from './subnets/freeAlignedBlocks';
export {
  computeSubnetUsage,
  subnetOccupancy,
} from './subnets/computeSubnetUsage';
export type {
  SubnetNetworkInterface,
  SubnetPodFacts,
  SubnetRiskOptions,
} from './subnets/computeSubnetUsage';
export { nodeGroupOf } from './nodes/nodeGroupOf';
export { nodeIpMode } from './nodes/nodeIpMode';
export type { NodeIpModeFacts } from './nodes/nodeIpMode';
export {
  nodeHeadroom,
  headroomFactsOf,
  sharedHeadroom,
} from './nodes/nodeHeadroom';
export type { HeadroomFacts, SubnetBudget } from './nodes/nodeHeadroom';
export { computeNodeUsage } from './nodes/computeNodeUsage';
export type { NodeUsageInput } from './nodes/computeNodeUsage';
export { inferIpFamily } from './cluster/inferIpFamily';
export { computeClusterCapacity } from './cluster/computeClusterCapacity';
export type { ClusterCapacityOptions } from './cluster/computeClusterCapacity';
export {
  KUBERNETES_ID_LABEL,
  selectionRequirements,
  selectsPod,
} from './workloads/selectsPod';
export { computeWorkloadUsage } from './workloads/computeWorkloadUsage';
export type { WorkloadSource } from './workloads/computeWorkloadUsage';
export { computeOwnerUsage } from './workloads/computeOwnerUsage';
export {
  MAX_LISTED_PODS_WITHOUT_NODE_IP,
  toEntityUsage,
  toEntityWorkload,
} from './workloads/toEntityUsage';
export { attributedNodeIps } from './workloads/attributedNodeIps';
export { ownerHeadroom } from './workloads/ownerHeadroom';
export { apportionNodeIps } from './workloads/apportionNodeIps';
export * from './fixes/types';
export { protectFreeRanges } from './fixes/protectFreeRanges';
export { planSecondaryVpcCidr } from './fixes/planSecondaryVpcCidr';
export { replaceFragmentingNodes } from './fixes/replaceFragmentingNodes';
export { subnetFixes, clusterFixes } from './fixes/subnetFixes';
export * from './forecast/types';
export { forecastRunOut } from './forecast/forecastRunOut';
export {
  forecastCluster,
  runOuts,
  withQuantity,
} from './forecast/forecastCluster';
export type { SubnetHistory } from './forecast/forecastCluster';
export {
  firstSubnetToRunOut,
  workloadSubnetsRunOut,
} from './forecast/firstToRunOut';
export * from './foresight/types';
export {
  warmIps,
  warmPrefixes,
  warmSettingsInForce,
  warmTargetsOf,
} from './foresight/warmPool';
export { explainWarmPools } from './foresight/explainWarmPools';
export { nextNodeLandings } from './foresight/nextNodeLandings';
export { resolveRollout } from './foresight/rolloutSurge';
export { whatIfAddReplicas } from './foresight/whatIfAddReplicas';
export type { AddReplicasOptions } from './foresight/whatIfAddReplicas';
export { whatIfRollout } from './foresight/whatIfRollout';
export { whatIfRotateNodeGroup } from './foresight/whatIfRotateNodeGroup';
export type { RotationOptions } from './foresight/whatIfRotateNodeGroup';
export {
  clusterForesight,
  markLandingRisks,
} from './foresight/clusterForesight';
export type { ClusterForesightResult } from './foresight/clusterForesight';
export { landingWarningMessage } from './foresight/landingWarningMessage';
export {
  warmPoolMessage,
  warmPoolReleaseMessage,
} from './foresight/warmPoolMessages';
export {
  addReplicasMessage,
  rolloutMessage,
  rotationMessage,
} from './foresight/whatIfMessages';
