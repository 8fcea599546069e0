/* eslint-disable no-console */
/**
 * The fault matrix (a script, not a test; the assertions live in the
 * backend's tests):
 *
 *   yarn fault-matrix
 *
 * For each fault: a real Backstage backend (Kubernetes plugin + Pod IP
 * Capacity) against the EKS simulator's auto-mode scenario collects a good
 * snapshot, the fault is switched on, a refresh runs; the script prints what
 * GET /clusters/auto-mode then says (snapshot status, problem code and
 * action, whether the held IPs and free /28 blocks of the good snapshot are
 * kept, how long the failed refresh took), then switches the fault off and
 * measures how long a POST /refresh takes to bring the data back to `ok`.
 * Prints one Markdown table, for the backend README.
 */
import request from 'supertest';
import {
  CapacityBackend,
  startCapacityBackend,
} from '../../plugins/pod-ip-capacity-backend/src/__testUtils__/startCapacityBackend';

interface Fault {
  name: string;
  /** Switches the fault on; returns how to switch it off. */
  apply: (backend: CapacityBackend) => () => void;
}

const add = (spec: object) => (backend: CapacityBackend) => {
  const id = backend.sim.faults.add(spec as any);
  return () => {
    backend.sim.faults.remove(id);
  };
};

const FAULTS: Fault[] = [
  {
    name: 'Kubernetes API refuses connections',
    apply: b => {
      b.sim.faults.takeClusterDown('auto-mode', 'refuse');
      return () => b.sim.faults.bringClusterUp('auto-mode');
    },
  },
  {
    name: 'Kubernetes API answers 503',
    apply: b => {
      b.sim.faults.takeClusterDown('auto-mode', '503');
      return () => b.sim.faults.bringClusterUp('auto-mode');
    },
  },
  {
    name: 'Kubernetes API hangs (connection held open)',
    apply: add({ type: 'hang', cluster: 'auto-mode' }),
  },
  {
    name: 'Kubernetes API answers 429 with Retry-After, persistently',
    apply: add({
      type: 'badResponse',
      cluster: 'auto-mode',
      mode: 'status429',
      retryAfterSeconds: 1,
    }),
  },
  {
    name: 'Kubernetes API answers 500 echoing the request (token included)',
    apply: add({ type: 'badResponse', cluster: 'auto-mode', mode: 'echo500' }),
  },
  {
    name: 'Kubernetes pod list with a null item and an invalid pod IP',
    apply: add({ type: 'malformed', cluster: 'auto-mode', kind: 'pods' }),
  },
  {
    name: 'ec2:DescribeInstances denied',
    apply: add({ type: 'deny', action: 'ec2:DescribeInstances' }),
  },
  {
    name: 'ec2:DescribeInstances throttled past the retries',
    apply: add({ type: 'throttle', action: 'ec2:DescribeInstances' }),
  },
  {
    name: 'ec2:DescribeInstances answered by a proxy: HTTP 502, HTML',
    apply: add({
      type: 'badResponse',
      action: 'ec2:DescribeInstances',
      mode: 'html502',
    }),
  },
  {
    name: 'ec2:DescribeInstances valid but empty (wrong account or region)',
    apply: add({
      type: 'badResponse',
      action: 'ec2:DescribeInstances',
      mode: 'emptyResult',
    }),
  },
  {
    name: 'ec2:DescribeInstances hides Auto Mode instances (managed resources)',
    apply: b => {
      b.sim.setManagedResourceVisibility('111111111111', 'hidden');
      return () =>
        b.sim.setManagedResourceVisibility('111111111111', 'visible');
    },
  },
  {
    name: "ec2:DescribeSubnets fails on AWS's side (500 InternalError)",
    apply: add({
      type: 'badResponse',
      action: 'ec2:DescribeSubnets',
      mode: 'internalError',
    }),
  },
  {
    name: 'ec2:DescribeSubnets hangs',
    apply: add({ type: 'hang', action: 'ec2:DescribeSubnets' }),
  },
  {
    name: 'ec2:DescribeSubnets returns an invalid CIDR',
    apply: add({ type: 'malformed', action: 'ec2:DescribeSubnets' }),
  },
  {
    name: 'ec2:DescribeNetworkInterfaces denied (optional)',
    apply: add({ type: 'deny', action: 'ec2:DescribeNetworkInterfaces' }),
  },
  {
    name: 'ec2:GetSubnetCidrReservations denied (optional)',
    apply: add({ type: 'deny', action: 'ec2:GetSubnetCidrReservations' }),
  },
  {
    name: 'ec2:DescribeInstanceTypes denied (optional)',
    apply: add({ type: 'deny', action: 'ec2:DescribeInstanceTypes' }),
  },
];

async function detail(backend: CapacityBackend) {
  return (
    await request(backend.server).get('/api/pod-ip-capacity/clusters/auto-mode')
  ).body;
}

async function refreshAndTime(backend: CapacityBackend): Promise<number> {
  const started = Date.now();
  await backend.refresh({ timeoutMs: 60_000 });
  return Date.now() - started;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function row(fault: Fault): Promise<string> {
  const backend = await startCapacityBackend({
    scenario: 'auto-mode',
    podIpCapacity: {
      refresh: { clusterTimeout: { seconds: 20 } },
      aws: { requestTimeout: { seconds: 3 } },
      kubernetes: { requestTimeout: { seconds: 5 } },
    },
  });
  try {
    await backend.refresh();
    const good = await detail(backend);
    const clear = fault.apply(backend);
    const failedMs = await refreshAndTime(backend);
    const bad = await detail(backend);
    clear();
    const recoveryMs = await refreshAndTime(backend);
    const recovered = await detail(backend);
    const problems = bad.snapshot.problems
      .map((p: any) => (p.action ? `${p.code} (${p.action})` : p.code))
      .join(', ');
    const kept =
      bad.snapshot.collectedAt === good.snapshot.collectedAt
        ? 'all kept (last good snapshot)'
        : `new: held ${good.totals.heldIps} → ${bad.totals.heldIps}, free /28 ${good.totals.freePrefixBlocks} → ${bad.totals.freePrefixBlocks}`;
    return `| ${fault.name} | 200, \`${bad.snapshot.status}\` | ${
      problems || '–'
    } | ${kept} | ${seconds(failedMs)} | ${seconds(recoveryMs)} → \`${
      recovered.snapshot.status
    }\` |`;
  } finally {
    await backend.stop();
  }
}

async function main() {
  console.log(
    '| fault | GET /clusters/{name} | problem | numbers | failed refresh took | POST /refresh after the fault clears |',
  );
  console.log('| --- | --- | --- | --- | ---: | --- |');
  for (const fault of FAULTS) {
    console.log(await row(fault));
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
