import { FaultSpec } from '../scenario/types';

const TYPES = [
  'throttle',
  'deny',
  'latency',
  'clusterDown',
  'hang',
  'badResponse',
  'malformed',
];
const EC2_BAD_RESPONSES = [
  'html502',
  'echo502',
  'html200',
  'empty200',
  'emptyResult',
  'internalError',
];
const KUBERNETES_BAD_RESPONSES = [
  'echo500',
  'html502',
  'empty200',
  'status429',
  'status403',
];
const MALFORMED_ACTIONS = [
  'DescribeSubnets',
  'DescribeInstances',
  'DescribeNetworkInterfaces',
];

function fail(message: string): never {
  throw new Error(message);
}

function checkCount(spec: { count?: unknown }, what: string) {
  const { count } = spec;
  if (count !== undefined && !(Number.isInteger(count) && Number(count) > 0)) {
    fail(`A ${what} fault's count must be a whole number above 0`);
  }
}

/** Exactly one of an AWS `action` and a `cluster`, and a cluster the scenario has. */
function checkTarget(
  spec: { action?: unknown; cluster?: unknown },
  what: string,
  clusters: string[] | undefined,
) {
  if (Boolean(spec.action) === Boolean(spec.cluster)) {
    fail(`A ${what} fault needs either an action or a cluster (not both)`);
  }
  if (spec.cluster && clusters && !clusters.includes(String(spec.cluster))) {
    fail(`No cluster ${spec.cluster} in the scenario`);
  }
}

function checkBadResponse(
  spec: Extract<FaultSpec, { type: 'badResponse' }>,
  clusters: string[] | undefined,
) {
  checkTarget(spec, 'badResponse', clusters);
  checkCount(spec, 'badResponse');
  const modes =
    'cluster' in spec ? KUBERNETES_BAD_RESPONSES : EC2_BAD_RESPONSES;
  if (!modes.includes(spec.mode)) {
    fail(
      `A badResponse fault for ${
        'cluster' in spec ? 'a cluster' : 'EC2'
      } needs a mode: one of ${modes.join(', ')}`,
    );
  }
  if ('retryAfterSeconds' in spec && spec.retryAfterSeconds !== undefined) {
    const s = spec.retryAfterSeconds;
    if (!(Number.isInteger(s) && s >= 0)) {
      fail('retryAfterSeconds must be a whole number of seconds');
    }
  }
}

function checkMalformed(
  spec: Extract<FaultSpec, { type: 'malformed' }>,
  clusters: string[] | undefined,
) {
  checkTarget(spec, 'malformed', clusters);
  if (
    spec.action &&
    !MALFORMED_ACTIONS.includes(spec.action.replace(/^ec2:/i, ''))
  ) {
    fail(
      `A malformed fault corrupts ${MALFORMED_ACTIONS.map(a => `ec2:${a}`).join(
        ', ',
      )}, not ${spec.action}`,
    );
  }
  if (
    spec.kind !== undefined &&
    spec.kind !== 'pods' &&
    spec.kind !== 'nodes'
  ) {
    fail(`A malformed fault's kind is pods or nodes, not ${spec.kind}`);
  }
}

/**
 * Refuses a fault switch that could not do what it says, naming what is wrong. `clusters`
 * (when known) are the scenario's cluster names, which the new fault types must name.
 */
export function validateFault(spec: FaultSpec, clusters?: string[]): void {
  if (!spec || !TYPES.includes((spec as FaultSpec).type)) {
    fail(`A fault needs a type: one of ${TYPES.join(', ')}`);
  }
  switch (spec.type) {
    case 'throttle':
    case 'deny':
      if (!spec.action) {
        fail(
          `A ${spec.type} fault needs an action (e.g. ec2:DescribeInstances or *)`,
        );
      }
      return;
    case 'latency':
      if (!(spec.ms >= 0)) fail('A latency fault needs ms >= 0');
      return;
    case 'clusterDown':
      if (!spec.cluster) fail('A clusterDown fault needs a cluster name');
      return;
    case 'hang':
      checkTarget(spec, 'hang', clusters);
      if (spec.path && !spec.cluster) {
        fail('A hang fault narrows by path only for a cluster');
      }
      return;
    case 'badResponse':
      checkBadResponse(spec, clusters);
      return;
    default:
      checkMalformed(spec, clusters);
  }
}
