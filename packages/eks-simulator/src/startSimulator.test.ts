import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import {
  BUILTIN_SCENARIO_DIR,
  parseScenarioYaml,
} from './scenario/loadScenario';
import { startSimulator } from './startSimulator';
import { request } from './__testUtils__/httpRequest';

describe('startSimulator', () => {
  it('only listens on loopback', async () => {
    await expect(
      startSimulator({ scenario: 'auto-mode', host: '0.0.0.0' }),
    ).rejects.toThrow(/only listens on loopback/);
  });

  it('applies the faults written in the scenario file from the start', async () => {
    const file = parseScenarioYaml(
      fs.readFileSync(
        path.join(BUILTIN_SCENARIO_DIR, 'portal-demo.yaml'),
        'utf8',
      ),
    );
    file.faults = [
      { type: 'clusterDown', cluster: 'eks-dev', mode: 'refuse' },
      { type: 'throttle', action: 'ec2:DescribeSubnets', count: 1 },
    ];
    const sim = await startSimulator({ scenario: file });
    try {
      const status = (cluster: string) =>
        new Promise<number | string>(resolve => {
          https
            .get(
              `${sim.cluster(cluster).url}/version`,
              { ca: sim.caCert },
              res => {
                res.resume();
                resolve(res.statusCode!);
              },
            )
            .on('error', (e: any) => resolve(e.code));
        });
      expect(await status('eks-dev')).toBe('ECONNREFUSED');
      expect(await status('eks-prod')).toBe(200);
      const ec2 = new EC2Client({
        endpoint: sim.awsEndpoint,
        region: 'eu-west-1',
        credentials: {
          accessKeyId: 'AKIASIMSHOP000000001',
          secretAccessKey: 'shop-secret-access-key',
        },
        maxAttempts: 1,
      });
      await expect(
        ec2.send(new DescribeSubnetsCommand({})),
      ).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
      await expect(
        ec2.send(new DescribeSubnetsCommand({})),
      ).resolves.toBeDefined();
      ec2.destroy();
      expect(sim.faults.list()).toEqual([
        {
          type: 'clusterDown',
          cluster: 'eks-dev',
          mode: 'refuse',
          id: 'fault-1',
        },
      ]);
    } finally {
      await sim.stop();
    }
  });

  it('applies hang, badResponse and malformed faults from the scenario file, and refuses bad ones', async () => {
    const file = parseScenarioYaml(
      fs.readFileSync(
        path.join(BUILTIN_SCENARIO_DIR, 'auto-mode.yaml'),
        'utf8',
      ),
    );
    file.faults = [
      { type: 'hang', cluster: 'auto-mode', path: '/api/v1/pods' },
      { type: 'malformed', cluster: 'auto-mode', kind: 'nodes' },
      {
        type: 'badResponse',
        action: 'DescribeSubnets',
        mode: 'html502',
        count: 1,
      },
    ];
    const sim = await startSimulator({ scenario: file });
    try {
      const get = (p: string, timeoutMs = 5000) =>
        request(`${sim.cluster('auto-mode').url}${p}`, {
          token: 'auto-mode-token',
          ca: sim.caCert,
          timeoutMs,
        });
      expect((await get('/api/v1/nodes')).body.items[0]).toBeNull();
      await expect(get('/api/v1/pods', 200)).rejects.toMatchObject({
        code: 'ETIMEDOUT',
      });
      const ec2 = new EC2Client({
        endpoint: sim.awsEndpoint,
        region: 'us-west-2',
        credentials: {
          accessKeyId: 'AKIASIMAUTOMODE00001',
          secretAccessKey: 'auto-mode-secret-access-key',
        },
        maxAttempts: 1,
      });
      await expect(
        ec2.send(new DescribeSubnetsCommand({})),
      ).rejects.toMatchObject({ $metadata: { httpStatusCode: 502 } });
      ec2.destroy();
    } finally {
      await sim.stop();
    }
    file.faults = [{ type: 'hang', cluster: 'eks-prod' }];
    await expect(startSimulator({ scenario: file })).rejects.toThrow(
      'No cluster eks-prod in the scenario',
    );
  });

  it('accepts an already resolved scenario and a generated one', async () => {
    const sim = await startSimulator({
      scenario: 'generated:nodes=3,podsPerNode=2,subnets=1',
    });
    expect(sim.clusters.map(c => c.name)).toEqual(['generated']);
    const again = await startSimulator({ scenario: sim.scenario });
    expect(again.scenario).toBe(sim.scenario);
    await again.stop();
    await sim.stop();
  });
});
