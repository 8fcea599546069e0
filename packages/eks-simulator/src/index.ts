/*
 * Copyright 2026 The Pod IP Capacity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * A protocol-faithful simulator of the EC2 Query API, STS and the Kubernetes API of EKS
 * clusters, served from scenario files.
 *
 * @packageDocumentation
 */

export {
  startSimulator,
  generateCertificate,
  buildKubeconfig,
  describeEndpoints,
  isLoopback,
} from './startSimulator';
export type {
  RunningSimulator,
  SimulatorCluster,
  SimulatorFaults,
  SimulatorOptions,
} from './startSimulator';
export {
  loadScenario,
  listBuiltinScenarios,
  parseScenarioYaml,
  BUILTIN_SCENARIO_DIR,
} from './scenario/loadScenario';
export type { ScenarioSource } from './scenario/loadScenario';
export {
  resolveScenario,
  ScenarioError,
  maxPodsFor,
  expandWorkload,
} from './scenario/resolveScenario';
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
export type { ActiveFault } from './faults';
export * from './scenario/types';
