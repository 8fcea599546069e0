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
      requestTimeoutMs: 15_000,
    });
    expect(config.kubernetes.pageSize).toBe(500);
    expect(config.clusters.size).toBe(0);
  });

  it('bounds every upstream call and every refresh by default', () => {
    const config = readPodIpCapacityConfig(new ConfigReader({}));
    expect(config.kubernetes.requestTimeoutMs).toBe(30_000);
    expect(config.aws.requestTimeoutMs).toBe(15_000);
    expect(config.clusterTimeoutMs).toBe(120_000);
    expect(config.refreshCooldownMs).toBe(30_000);
    expect(config.refreshConcurrency).toBe(8);
  });

  it('reads the timeouts and the cooldown, and refuses ones that cannot work', () => {
    const config = readPodIpCapacityConfig(
      new ConfigReader({
        podIpCapacity: {
          refresh: { clusterTimeout: 'PT45S', cooldown: { seconds: 5 } },
          aws: { requestTimeout: { seconds: 3 } },
          kubernetes: { requestTimeout: 'PT10S' },
        },
      }),
    );
    expect(config.clusterTimeoutMs).toBe(45_000);
    expect(config.refreshCooldownMs).toBe(5_000);
    expect(config.aws.requestTimeoutMs).toBe(3_000);
    expect(config.kubernetes.requestTimeoutMs).toBe(10_000);
    expect(() =>
      readPodIpCapacityConfig(
        new ConfigReader({
          podIpCapacity: { aws: { requestTimeout: { milliseconds: 1 } } },
        }),
      ),
    ).toThrow(/podIpCapacity\.aws\.requestTimeout/);
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
