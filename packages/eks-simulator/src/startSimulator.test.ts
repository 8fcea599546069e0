/*
 * Copyright 2026 The Pod IP Capacity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import {
  BUILTIN_SCENARIO_DIR,
  parseScenarioYaml,
} from './scenario/loadScenario';
import { startSimulator } from './startSimulator';

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
