import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(60_000);

function getJson(url: string): Promise<any> {
  return new Promise((resolve, reject) => {
    http
      .get(url, res => {
        let text = '';
        res.on('data', c => (text += c));
        res.on('end', () => resolve(JSON.parse(text)));
      })
      .on('error', reject);
  });
}

describe('bin/eks-simulator.js', () => {
  it('starts a scenario, prints its endpoints, writes a kubeconfig and stops on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-sim-cli-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    const child = spawn(
      process.execPath,
      [
        path.resolve(__dirname, '../bin/eks-simulator.js'),
        '--scenario',
        'custom-networking',
        '--aws-port',
        '0',
        '--k8s-base-port',
        '0',
        '--json',
        '--write-kubeconfig',
        kubeconfig,
        '--tls-dir',
        path.join(dir, 'tls'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', c => (stderr += c));
      const endpoints = await new Promise<any>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no endpoints printed; stderr: ${stderr}`)),
          45_000,
        );
        child.stdout.on('data', c => {
          stdout += c;
          try {
            const parsed = JSON.parse(stdout);
            clearTimeout(timer);
            resolve(parsed);
          } catch {
            // not complete yet
          }
        });
        child.on('exit', code =>
          reject(new Error(`exited with ${code}: ${stderr}`)),
        );
      });
      expect(endpoints.scenario).toBe('custom-networking');
      expect(endpoints.clusters[0].url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const admin = await getJson(endpoints.aws.admin);
      expect(admin.clusters[0].name).toBe('custom-networking');
      const config = fs.readFileSync(kubeconfig, 'utf8');
      expect(config).toContain('token: custom-networking-token');
      // The certificate was persisted for the next start and is the kubeconfig's CA.
      const cert = fs.readFileSync(path.join(dir, 'tls', 'tls.crt'), 'utf8');
      expect(config).toContain(Buffer.from(cert).toString('base64'));
    } finally {
      const exited = new Promise(resolve => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--timeline now serves the last instants of the timeline from the first request', async () => {
    const child = spawn(
      process.execPath,
      [
        path.resolve(__dirname, '../bin/eks-simulator.js'),
        '--scenario',
        'timeline-demo',
        '--aws-port',
        '0',
        '--k8s-base-port',
        '0',
        '--timeline',
        'now',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let stdout = '';
      const admin = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(stdout)), 45_000);
        child.stdout.on('data', c => {
          stdout += c;
          if (!/Ready\./.test(stdout)) return;
          clearTimeout(timer);
          resolve(/admin\s+(\S+)/.exec(stdout)![1]);
        });
      });
      // The text output names the timeline and the instant served.
      expect(stdout).toMatch(/timeline\s+\S+ → \S+, step 12h; serving \S+/);
      const timeline = await getJson(`${admin}/timeline`);
      // now: within one 12 h step of the clock, 7 days (14 steps) after the start.
      expect(timeline.current).toBeGreaterThanOrEqual(
        timeline.start + 14 * 12 * 3_600_000,
      );
      expect(timeline.instants).toHaveLength(15);
    } finally {
      const exited = new Promise(resolve => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
