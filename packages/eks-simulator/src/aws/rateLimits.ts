import { QueryParams } from './queryParams';

export interface TokenBucketSpec {
  burst: number;
  refillPerSecond: number;
}

/**
 * EC2 API request throttling as AWS documents it: a token bucket per account and region,
 * one for filtered or paginated Describe calls and a smaller one for unfiltered,
 * unpaginated ones. Shared by every caller of the account (in real life also the VPC CNI
 * and Karpenter), which is why collectors must batch and back off.
 */
export interface Ec2RateLimits {
  filtered: TokenBucketSpec;
  unfiltered: TokenBucketSpec;
}

export const DEFAULT_EC2_RATE_LIMITS: Ec2RateLimits = {
  filtered: { burst: 100, refillPerSecond: 20 },
  unfiltered: { burst: 50, refillPerSecond: 10 },
};

interface Bucket {
  tokens: number;
  at: number;
}

export class Ec2RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(readonly limits: Ec2RateLimits = DEFAULT_EC2_RATE_LIMITS) {}

  /** Takes a token for this call; false means RequestLimitExceeded. */
  take(
    accountId: string,
    region: string,
    params: QueryParams,
    now = Date.now(),
  ): boolean {
    const filtered = params
      .keys()
      .some(
        k =>
          k === 'MaxResults' ||
          k === 'NextToken' ||
          k === 'SubnetId' ||
          /\.\d+$/.test(k) ||
          k.startsWith('Filter.'),
      );
    const spec = filtered ? this.limits.filtered : this.limits.unfiltered;
    const key = `${accountId}/${region}/${
      filtered ? 'filtered' : 'unfiltered'
    }`;
    const bucket = this.buckets.get(key) ?? { tokens: spec.burst, at: now };
    bucket.tokens = Math.min(
      spec.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * spec.refillPerSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
