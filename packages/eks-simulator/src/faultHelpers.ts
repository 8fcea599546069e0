import { FaultController } from './faults/faultController';
import { SimulatorFaults } from './simulatorTypes';

/** The in-process `sim.faults` helpers, each a shorthand for one fault spec. */
export function simulatorFaults(
  faults: FaultController,
  requireCluster: (name: string) => void,
): SimulatorFaults {
  const removeClusterDown = (cluster: string) => {
    faults
      .list()
      .filter(f => f.type === 'clusterDown' && f.cluster === cluster)
      .forEach(f => faults.remove(f.id));
  };
  return {
    list: () => faults.list(),
    add: f => faults.add(f),
    remove: id => faults.remove(id),
    clear: () => faults.clear(),
    throttle: (action, o = {}) =>
      faults.add({
        type: 'throttle',
        action,
        account: o.account,
        ...(o.ratePerSecond !== undefined
          ? { ratePerSecond: o.ratePerSecond, burst: o.burst }
          : { count: o.count ?? 1 }),
      }),
    deny: (action, o = {}) =>
      faults.add({ type: 'deny', action, account: o.account }),
    latency: (ms, target = {}) =>
      faults.add({ type: 'latency', ms, ...target }),
    takeClusterDown: (cluster, mode = 'refuse') => {
      requireCluster(cluster);
      return faults.add({ type: 'clusterDown', cluster, mode });
    },
    bringClusterUp: cluster => removeClusterDown(cluster),
    hang: target => faults.add({ type: 'hang', ...target }),
    badResponse: fault => faults.add({ type: 'badResponse', ...fault }),
    malformed: target => faults.add({ type: 'malformed', ...target }),
  };
}
