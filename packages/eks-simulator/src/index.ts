/**
 * A protocol-faithful simulator of the EC2 Query API, STS and the Kubernetes API of EKS
 * clusters, served from scenario files.
 *
 * @packageDocumentation
 */

export { startSimulator } from './startSimulator';
export { generateCertificate } from './certificate';
export { buildKubeconfig } from './kubeconfig';
export { describeEndpoints } from './adminApi';
export { isLoopback } from './listen';
export type {
  HangTarget,
  RunningSimulator,
  SimulatorCluster,
  SimulatorFaults,
  SimulatorOptions,
  SimulatorTimeline,
  SubnetRunOutInstants,
} from './simulatorTypes';
export {
  loadScenario,
  listBuiltinScenarios,
  parseScenarioYaml,
  BUILTIN_SCENARIO_DIR,
} from './scenario/loadScenario';
export type { ScenarioSource } from './scenario/loadScenario';
export { resolveScenario } from './scenario/resolveScenario';
export { ScenarioError } from './scenario/scenarioError';
export { maxPodsFor } from './scenario/maxPods';
export { expandWorkload } from './scenario/expandWorkload';
export {
  generateLargeCluster,
  GENERATED_CREDENTIALS,
} from './scenario/generateLargeCluster';
export type { LargeClusterOptions } from './scenario/generateLargeCluster';
export { BUILTIN_INSTANCE_TYPES } from './scenario/instanceTypes';
export {
  parseCidr,
  parseIpv4,
  formatIpv4,
  isAwsReserved,
} from './scenario/ipv4';
export type { Ipv4Cidr } from './scenario/ipv4';
export type { CounterSnapshot } from './counters';
export { DEFAULT_EC2_RATE_LIMITS } from './aws/rateLimits';
export type { Ec2RateLimits, TokenBucketSpec } from './aws/rateLimits';
export type { ActiveFault } from './faults/faultController';
export {
  MALFORMED_PREFIX,
  MALFORMED_PRIMARY_IP,
  MALFORMED_SECONDARY_IP,
  MALFORMED_SUBNET_CIDR,
} from './aws/ec2/malformedItems';
export { MALFORMED_POD_IP, MALFORMED_PROVIDER_ID } from './k8s/malformedItems';
export * from './scenario/types';
// The third-party clients of the conformance tests (Debian's AWS CLI, an
// isolated environment, a child process that never rejects), for other
// packages' tests that run them against the simulator.
export {
  AWS_CLI,
  ensureAwsCli,
  isolatedEnv,
  run as runProgram,
  tempHome,
} from './conformance/tools';
export type { ExecResult } from './conformance/tools';
