import http from 'node:http';
import { adminRoute } from './adminApi';
import { createAwsServer } from './aws/awsServer';
import { IdentityStore } from './aws/identity';
import { ManagedResourceVisibilityStore } from './aws/managedResourceVisibility';
import { generateCertificate } from './certificate';
import { startClusterServers } from './clusterServers';
import { RequestCounters } from './counters';
import { simulatorFaults } from './faultHelpers';
import { FaultController } from './faults/faultController';
import { HeldRequests } from './faults/heldRequests';
import { buildKubeconfig } from './kubeconfig';
import { isLoopback, listenOn, urlHost } from './listen';
import { loadScenario } from './scenario/loadScenario';
import { KubernetesApi } from './k8s/kubernetesApi';
import { ServedWorld } from './servedWorld';
import {
  RunningSimulator,
  SimulatorCluster,
  SimulatorOptions,
  SimulatorTimeline,
} from './simulatorTypes';
import { Timeline } from './timeline/timeline';
import { timelineControl } from './timelineControl';

export type {
  HangTarget,
  RunningSimulator,
  SimulatorCluster,
  SimulatorFaults,
  SimulatorOptions,
  SimulatorTimeline,
  SubnetRunOutInstants,
} from './simulatorTypes';

function closeServer(s: http.Server): Promise<void> {
  return new Promise<void>(resolve => {
    s.close(() => resolve());
    s.closeAllConnections();
    if (!s.listening) resolve();
  });
}

/** What the running simulator's methods work on. */
interface SimulatorParts {
  world: ServedWorld;
  timeline: SimulatorTimeline;
  awsEndpoint: string;
  clusters: SimulatorCluster[];
  apis: Map<string, KubernetesApi>;
  tls: { cert: string; key: string };
  counters: RequestCounters;
  faults: FaultController;
  held: HeldRequests;
  visibility: ManagedResourceVisibilityStore;
  servers: http.Server[];
  /** Resolves once the ports match the clusterDown faults. */
  synced(): Promise<void>;
}

function runningSimulator(p: SimulatorParts): RunningSimulator {
  const { world, clusters, tls } = p;
  // Accounts and credentials are the same at every instant of a timeline.
  const scenario = world.scenario;
  const cluster = (name: string) => {
    const c = clusters.find(x => x.name === name);
    if (!c) throw new Error(`No cluster ${name} in scenario ${scenario.name}`);
    return c;
  };
  return {
    get scenario() {
      return world.scenario;
    },
    timeline: p.timeline,
    awsEndpoint: p.awsEndpoint,
    adminUrl: `${p.awsEndpoint}/__simulator`,
    clusters,
    cluster,
    caCert: tls.cert,
    credentials: scenario.accounts.flatMap(a =>
      a.credentials.map(c => ({
        accountId: a.id,
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        arn: c.arn,
      })),
    ),
    counters: () => p.counters.snapshot(),
    resetCounters: () => p.counters.reset(),
    faults: simulatorFaults(p.faults, cluster),
    setManagedResourceVisibility: (accountId, v, o = {}) =>
      p.visibility.set(accountId, v, o.region),
    getManagedResourceVisibility: (accountId, o = {}) => {
      p.visibility.requireAccount(accountId);
      return p.visibility.get(accountId, o.region);
    },
    expireContinueTokens(name?: string) {
      for (const [n, api] of p.apis)
        if (!name || name === n) api.expireContinueTokens();
    },
    kubeconfig(o = {}) {
      return buildKubeconfig(
        clusters.filter(c => !o.clusters || o.clusters.includes(c.name)),
        tls.cert,
      );
    },
    async stop() {
      await p.synced();
      // Hung requests hold their sockets open; cut them so clients and the process end.
      p.held.destroyAll();
      await Promise.all(p.servers.map(closeServer));
    },
  };
}

/** Starts the simulator in-process: EC2/STS/admin on one port, one HTTPS port per cluster. */
export async function startSimulator(
  options: SimulatorOptions,
): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    throw new Error(
      `The EKS simulator only listens on loopback addresses, not ${host}`,
    );
  }
  const scenario = loadScenario(options.scenario);
  const clock = options.clock ?? Date.now;
  const timeline = new Timeline(scenario, clock());
  // Play a timeline through once: a movement that cannot happen fails the start, as an
  // invalid scenario file does.
  if (scenario.timeline) timeline.allRunOuts();
  const world = new ServedWorld(scenario);
  const control = timelineControl(
    timeline,
    world,
    clock,
    options.timeline ?? 'start',
  );
  const identities = new IdentityStore(scenario);
  const counters = new RequestCounters();
  const faults = new FaultController(
    scenario.faults,
    scenario.clusters.map(c => c.name),
  );
  const held = new HeldRequests();
  const visibility = new ManagedResourceVisibilityStore(scenario);
  const tls = options.tls ?? (await generateCertificate(host));
  const servers: http.Server[] = [];

  // Assigned once everything listens; the admin API only runs after that.
  let running: RunningSimulator | undefined;
  const awsServer = createAwsServer({
    world,
    identities,
    counters,
    faults,
    held,
    visibility,
    verifySignatures: options.verifySignatures,
    ec2RateLimits: options.ec2RateLimits,
    admin: (req, res, url, body) => adminRoute(running!, req, res, url, body),
  });
  servers.push(awsServer);
  try {
    const awsPort = await listenOn(awsServer, host, options.awsPort ?? 0);
    const { clusters, apis, syncListeners } = await startClusterServers(
      world.scenario.clusters,
      {
        host,
        tls,
        k8sBasePort: options.k8sBasePort,
        k8sHttpBasePort: options.k8sHttpBasePort,
        api: {
          identities,
          counters,
          faults,
          held,
          continueTtlMs: options.continueTtlMs,
        },
        faults,
      },
      servers,
    );
    let syncing = Promise.resolve();
    faults.onChange(() => {
      syncing = syncing.then(syncListeners).catch(() => undefined);
    });
    await syncListeners();
    world.onReplace(next => {
      for (const c of next.clusters) apis.get(c.name)?.setCluster(c);
    });
    running = runningSimulator({
      world,
      timeline: control,
      awsEndpoint: `http://${urlHost(host)}:${awsPort}`,
      clusters,
      apis,
      tls,
      counters,
      faults,
      held,
      visibility,
      servers,
      synced: () => syncing,
    });
    // Wait for the clusterDown faults of the scenario file to take effect.
    await syncing;
    return running;
  } catch (e) {
    servers.forEach(s => s.close());
    throw e;
  }
}
