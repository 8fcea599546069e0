import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const PACKAGE_DIR = path.resolve(__dirname, '../..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Jest's globalSetup: the tests run the built binary, so build it first —
 * once per run, and only when a source is newer than `dist/`.
 */
export default async function buildCli(): Promise<void> {
  const built = path.join(PACKAGE_DIR, 'dist', 'index.cjs.js');
  const sources = Math.max(
    newestSource(path.join(PACKAGE_DIR, 'src')),
    fs.statSync(path.join(PACKAGE_DIR, 'package.json')).mtimeMs,
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > sources) return;
  execFileSync(
    process.execPath,
    [require.resolve('@backstage/cli/bin/backstage-cli'), 'package', 'build'],
    { cwd: PACKAGE_DIR, stdio: 'pipe', timeout: 120_000 },
  );
}
