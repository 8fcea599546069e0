import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Third-party clients for the conformance tests. CI machines start fresh, so a missing
 * client is installed from Debian's archive (only when running as root), once per process.
 */

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; never rejects, so tests can assert on failures too. */
export function run(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {},
): Promise<ExecResult> {
  return new Promise(resolve => {
    const child = execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error)
          code =
            typeof (error as any).code === 'number' ? (error as any).code : -1;
        resolve({
          code,
          stdout: String(stdout),
          stderr:
            String(stderr) + (error && code === -1 ? `\n${error.message}` : ''),
        });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

let aptUpdated = false;
// Test files run in parallel workers: wait for another worker's apt-get instead of failing.
const APT_LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=900'];

function aptInstall(packages: string[]) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    execFileSync(
      'apt-get',
      [
        ...APT_LOCK_WAIT,
        'install',
        '-y',
        '-q',
        '--no-install-recommends',
        ...packages,
      ],
      {
        env,
        stdio: 'pipe',
        timeout: 15 * 60_000,
      },
    );
  try {
    install();
  } catch (error) {
    // Already refreshed the package lists once: this failure is real.
    if (aptUpdated) throw error;
    execFileSync('apt-get', [...APT_LOCK_WAIT, 'update', '-q'], {
      env,
      stdio: 'pipe',
      timeout: 10 * 60_000,
    });
    aptUpdated = true;
    install();
  }
}

/**
 * Makes sure a client is there: `check()` decides; when it fails and we are root, installs
 * the first Debian package of `packages` that apt knows. Throws a message a person can act on.
 */
export function ensureInstalled(
  what: string,
  check: () => boolean,
  packages: string[],
): void {
  if (check()) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(
      `${what} is missing and we are not root: install it with apt-get install ${packages[0]}`,
    );
  }
  const errors: string[] = [];
  for (const pkg of packages) {
    try {
      aptInstall([pkg]);
      if (check()) return;
    } catch (e) {
      errors.push(`${pkg}: ${(e as Error).message}`);
    }
  }
  throw new Error(
    `Could not install ${what} (tried ${packages.join(', ')}): ${errors.join(
      '; ',
    )}`,
  );
}

const works = (file: string, args: string[]) => () => {
  try {
    execFileSync(file, args, { stdio: 'pipe', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};

/** Debian's AWS CLI at /usr/bin/aws (a pyenv shim may shadow `aws` on PATH). */
export const AWS_CLI = '/usr/bin/aws';
export const PYTHON = '/usr/bin/python3';

export function ensureAwsCli() {
  ensureInstalled('the AWS CLI (/usr/bin/aws)', works(AWS_CLI, ['--version']), [
    'awscli',
  ]);
}

export function ensureBoto3() {
  ensureInstalled(
    'boto3 for /usr/bin/python3',
    works(PYTHON, ['-c', 'import boto3']),
    ['python3-boto3'],
  );
}

export function kubectlPath(): string {
  for (const dir of (process.env.PATH ?? '')
    .split(path.delimiter)
    .concat(['/usr/bin', '/usr/local/bin'])) {
    const candidate = path.join(dir, 'kubectl');
    if (fs.existsSync(candidate)) return candidate;
  }
  return 'kubectl';
}

export function ensureKubectl() {
  ensureInstalled(
    'kubectl',
    () => works(kubectlPath(), ['version', '--client'])(),
    ['kubectl', 'kubernetes-client'],
  );
}

/** An environment for third-party clients that cannot reach any real AWS or user config. */
export function isolatedEnv(
  home: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: path.join(home, 'aws-config-none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'aws-credentials-none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_DEFAULT_OUTPUT: 'json',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...extra,
  };
}

export function tempHome(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}
