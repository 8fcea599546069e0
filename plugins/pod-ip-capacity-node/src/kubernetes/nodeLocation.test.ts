import { instanceIdOfProviderId, regionOfNodes } from './nodeLocation';

describe('regionOfNodes', () => {
  it('prefers the topology label and falls back to the providerID zone', () => {
    expect(
      regionOfNodes([
        { labels: { 'topology.kubernetes.io/region': 'eu-west-1' } },
        { labels: {}, providerId: 'aws:///eu-west-1b/i-0123456789abcdef0' },
        { labels: {}, providerId: 'aws:///us-east-1a/i-0123456789abcdef1' },
      ]),
    ).toBe('eu-west-1');
    expect(
      regionOfNodes([
        {
          labels: {},
          providerId: 'aws:///ap-southeast-2c/i-0aaaaaaaaaaaaaaaa',
        },
      ]),
    ).toBe('ap-southeast-2');
    expect(regionOfNodes([{ labels: {} }])).toBeUndefined();
  });
});

describe('instanceIdOfProviderId', () => {
  it('finds EC2 instance ids and ignores Fargate nodes', () => {
    expect(
      instanceIdOfProviderId('aws:///eu-west-1a/i-0e8217b21d04ed516'),
    ).toBe('i-0e8217b21d04ed516');
    expect(
      instanceIdOfProviderId(
        'aws:///eu-west-1a/0123456789abcdef/fargate-ip-10-0-1-2.eu-west-1.compute.internal',
      ),
    ).toBeUndefined();
    expect(instanceIdOfProviderId(undefined)).toBeUndefined();
  });
});
