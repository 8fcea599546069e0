import { parseIpv4 } from '../ip/ipv4';
import { makeEni } from '../testing/builders';
import { computeEniUsage } from './computeEniUsage';

const ips = (...addresses: string[]) => addresses.map(parseIpv4);

describe('computeEniUsage', () => {
  it('sorts pod IPs numerically, not as strings', () => {
    const eni = makeEni('eni-1', 'subnet-1', '10.0.0.100', {
      ipv4Prefixes: ['10.0.0.0/28'],
    });
    const usage = computeEniUsage(
      eni,
      ips('10.0.0.10', '10.0.0.9', '10.0.0.2'),
    );
    // As strings this would be .10, .2, .9.
    expect(usage.prefixes[0].podIps).toEqual([
      '10.0.0.2',
      '10.0.0.9',
      '10.0.0.10',
    ]);
    expect(usage.prefixes[0]).toMatchObject({
      total: 16,
      assigned: 3,
      available: 13,
    });
  });

  it('totals several prefixes and secondary IPs (Auto Mode falling back to /32s)', () => {
    const eni = makeEni('eni-1', 'subnet-1', '10.0.0.100', {
      ipv4Prefixes: ['10.0.0.16/28', '10.0.0.48/28'],
      secondaryIps: ['10.0.0.101', '10.0.0.102'],
    });
    const usage = computeEniUsage(
      eni,
      ips('10.0.0.17', '10.0.0.50', '10.0.0.51', '10.0.0.101'),
      '10.0.0.0/24',
    );
    expect(usage.mode).toBe('prefix');
    expect(usage.prefixes.map(p => p.assigned)).toEqual([1, 2]);
    expect(usage.secondaryIps).toEqual({
      total: 2,
      assigned: 1,
      available: 1,
      podIps: ['10.0.0.101'],
    });
    // 2 × 16 + 2 held, 4 used
    expect(usage).toMatchObject({
      total: 34,
      assigned: 4,
      available: 30,
      subnetCidr: '10.0.0.0/24',
    });
  });

  it('reports secondary-IP mode, and "none" for an ENI without pod addresses', () => {
    const secondary = makeEni('eni-2', 'subnet-1', '10.0.0.10', {
      secondaryIps: ['10.0.0.11', '10.0.0.12', '10.0.0.13'],
    });
    expect(computeEniUsage(secondary, ips('10.0.0.12'))).toMatchObject({
      mode: 'secondary-ip',
      total: 3,
      assigned: 1,
      available: 2,
    });
    const bare = makeEni('eni-3', 'subnet-1', '10.0.0.20');
    expect(computeEniUsage(bare, [])).toMatchObject({
      mode: 'none',
      total: 0,
      prefixes: [],
    });
  });

  it('ignores IPs the ENI does not hold, and its primary IP', () => {
    const eni = makeEni('eni-1', 'subnet-1', '10.0.0.10', {
      secondaryIps: ['10.0.0.11'],
    });
    expect(computeEniUsage(eni, ips('10.0.0.10', '10.0.0.99')).assigned).toBe(
      0,
    );
  });
});
