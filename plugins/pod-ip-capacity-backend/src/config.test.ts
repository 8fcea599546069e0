import { ConfigReader } from '@backstage/config';
import { readPodIpCapacityConfig } from './config';

describe('readPodIpCapacityConfig', () => {
  it('applies the defaults when podIpCapacity is not configured', () => {
    const config = readPodIpCapacityConfig(new ConfigReader({}));
    expect(config.refreshFrequency).toEqual({ minutes: 5 });
    expect(config.aws).toEqual({
      endpoint: undefined,
      concurrency: 4,
      pageSize: 1000,
      maxAttempts: 8,
    });
    expect(config.kubernetes.pageSize).toBe(500);
    expect(config.clusters.size).toBe(0);
  });

  it('reads durations in both Backstage and ISO 8601 form, and cluster overrides', () => {
    const config = readPodIpCapacityConfig(
      new ConfigReader({
        podIpCapacity: {
          refresh: { frequency: 'PT2M', timeout: { seconds: 30 } },
          aws: { endpoint: 'http://127.0.0.1:4566', pageSize: 50 },
          clusters: [
            {
              name: 'eks-payments',
              roleArn: 'arn:aws:iam::222222222222:role/pod-ip-capacity',
              region: 'eu-west-1',
            },
            { name: 'eks-legacy', exclude: true },
          ],
        },
      }),
    );
    expect(config.refreshFrequency).toEqual({ minutes: 2 });
    expect(config.refreshTimeout).toEqual({ seconds: 30 });
    expect(config.aws.endpoint).toBe('http://127.0.0.1:4566');
    expect(config.aws.pageSize).toBe(50);
    expect(config.clusters.get('eks-payments')?.roleArn).toBe(
      'arn:aws:iam::222222222222:role/pod-ip-capacity',
    );
    expect(config.clusters.get('eks-legacy')?.exclude).toBe(true);
  });

  it('refuses a page size EC2 would reject, naming the key', () => {
    expect(() =>
      readPodIpCapacityConfig(
        new ConfigReader({ podIpCapacity: { aws: { pageSize: 2000 } } }),
      ),
    ).toThrow(/podIpCapacity\.aws\.pageSize: 2000/);
  });

  it('refuses the same cluster twice', () => {
    expect(() =>
      readPodIpCapacityConfig(
        new ConfigReader({
          podIpCapacity: { clusters: [{ name: 'a' }, { name: 'a' }] },
        }),
      ),
    ).toThrow(/Duplicate cluster 'a'/);
  });
});
