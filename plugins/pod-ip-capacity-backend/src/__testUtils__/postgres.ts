import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL server on loopback, and how to reach it. */
export interface RunningPostgres {
  connection: {
    host: string;
    port: number;
    user: string;
    password: string;
    database: string;
  };
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function binDir(): string | undefined {
  return BIN_DIRS.find(dir => fs.existsSync(path.join(dir, 'initdb')));
}

/** Debian's PostgreSQL server, installed when missing (as root, like CI). */
function ensurePostgresInstalled(): string {
  const found = binDir();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'PostgreSQL is not installed: run `apt-get install -y postgresql` (the tests install it themselves when run as root).',
    );
  }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = binDir();
  if (!installed) throw new Error('apt-get installed no PostgreSQL server');
  return installed;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL cluster of its own in a temporary folder, listening on
 * 127.0.0.1 only, with password authentication for a `backstage` superuser.
 * The server refuses to run as root, so as root it runs as `postgres`.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = ensurePostgresInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-ip-capacity-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const password = 'pod-ip-capacity-test';
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const result = asRoot
      ? spawnSync(
          'su',
          [
            'postgres',
            '-s',
            '/bin/sh',
            '-c',
            [cmd, ...args].map(a => `'${a}'`).join(' '),
          ],
          {
            encoding: 'utf8',
          },
        )
      : spawnSync(cmd, args, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${path.basename(cmd)} failed: ${result.stderr}`);
    }
  };
  if (asRoot) {
    fs.chmodSync(dir, 0o777);
  }
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, password, { mode: 0o644 });
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'backstage',
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
  ]);
  run(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
  ]);
  return {
    connection: {
      host: '127.0.0.1',
      port,
      user: 'backstage',
      password,
      database: 'postgres',
    },
    async stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
