import { makeEni, makeNode } from '../testing/builders';
import { nodeGroupOf } from './nodeGroupOf';
import { nodeIpMode } from './nodeIpMode';

const instance = (networkInterfaces: ReturnType<typeof makeEni>[]) => ({
  instanceId: 'i-1',
  instanceType: 'm5.large',
  networkInterfaces,
});

describe('nodeIpMode', () => {
  it('reads prefix and secondary-IP mode from the ENIs', () => {
    const node = makeNode('i-1', 'm5.large', {});
    expect(
      nodeIpMode(
        node,
        instance([
          makeEni('e0', 's1', '10.0.0.5', {
            instanceId: 'i-1',
            ipv4Prefixes: ['10.0.0.16/28'],
          }),
        ]),
        'ipv4',
      ).mode,
    ).toBe('prefix');
    expect(
      nodeIpMode(
        node,
        instance([
          makeEni('e0', 's1', '10.0.0.5', {
            instanceId: 'i-1',
            secondaryIps: ['10.0.0.6'],
          }),
        ]),
        'ipv4',
      ).mode,
    ).toBe('secondary-ip');
    expect(nodeIpMode(node, undefined, 'ipv4').mode).toBe('unknown');
  });

  it('sees custom networking: pod addresses only on a secondary ENI in another subnet', () => {
    const facts = nodeIpMode(
      makeNode('i-1', 'm5.large', {}),
      instance([
        makeEni('e0', 'node-subnet', '192.168.1.5', { instanceId: 'i-1' }),
        makeEni('e1', 'pod-subnet', '100.64.0.5', {
          instanceId: 'i-1',
          deviceIndex: 1,
          secondaryIps: ['100.64.0.6'],
        }),
      ]),
      'ipv4',
    );
    expect(facts).toMatchObject({
      mode: 'custom-networking',
      customNetworking: true,
      prefixDelegation: false,
      podSubnetId: 'pod-subnet',
    });
    expect(facts.podNetworkInterfaces.map(e => e.networkInterfaceId)).toEqual([
      'e1',
    ]);
  });

  it('sees custom networking into the node subnet itself (an ENIConfig for other security groups)', () => {
    const facts = nodeIpMode(
      makeNode('i-1', 'm5.large', {}),
      instance([
        makeEni('e0', 's1', '10.0.0.5', { instanceId: 'i-1' }),
        makeEni('e1', 's1', '10.0.0.7', {
          instanceId: 'i-1',
          deviceIndex: 1,
          secondaryIps: ['10.0.0.8'],
        }),
      ]),
      'ipv4',
    );
    expect(facts.mode).toBe('custom-networking');
    // The primary ENI's free slots are not pod slots.
    expect(facts.podNetworkInterfaces.map(e => e.networkInterfaceId)).toEqual([
      'e1',
    ]);
  });

  it('does not mistake a second ENI in the same subnet for custom networking', () => {
    const facts = nodeIpMode(
      makeNode('i-1', 'm5.large', {}),
      instance([
        makeEni('e0', 's1', '10.0.0.5', {
          instanceId: 'i-1',
          secondaryIps: ['10.0.0.6'],
        }),
        makeEni('e1', 's1', '10.0.0.7', {
          instanceId: 'i-1',
          deviceIndex: 1,
          secondaryIps: ['10.0.0.8'],
        }),
      ]),
      'ipv4',
    );
    expect(facts.mode).toBe('secondary-ip');
    expect(facts.podNetworkInterfaces).toHaveLength(2);
  });

  it('takes Auto Mode and Fargate from the compute-type label', () => {
    expect(
      nodeIpMode(
        makeNode('i-1', 'm5.large', {
          'eks.amazonaws.com/compute-type': 'auto',
        }),
        instance([]),
        'ipv4',
      ),
    ).toMatchObject({ mode: 'auto-mode', prefixDelegation: true });
    expect(
      nodeIpMode(
        makeNode('f', 'x', { 'eks.amazonaws.com/compute-type': 'fargate' }),
        undefined,
        'ipv4',
      ).mode,
    ).toBe('fargate');
  });
});

describe('nodeGroupOf', () => {
  it('names the node group, node pool or nothing', () => {
    expect(
      nodeGroupOf({ labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' } }),
    ).toEqual({
      name: 'ng-1',
      source: 'eks.amazonaws.com/nodegroup',
    });
    expect(
      nodeGroupOf({ labels: { 'karpenter.sh/nodepool': 'default' } }).source,
    ).toBe('karpenter.sh/nodepool');
    expect(nodeGroupOf({ labels: {} })).toEqual({ name: '(none)', source: '' });
  });
});
