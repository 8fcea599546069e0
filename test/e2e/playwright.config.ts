import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { chromiumLaunchOptions } from './chromium';

const repoRoot = path.resolve(__dirname, '../..');
export const screenshotDir = path.join(__dirname, 'screenshots');

/**
 * End-to-end tests: Playwright drives Debian's Chromium (it cannot download a
 * browser of its own here) against the demo portal, which it starts with the
 * README's start command and stops when the tests are done.
 */
export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.e2e.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  outputDir: path.join(repoRoot, 'node_modules/.cache/e2e-test-results'),
  webServer: {
    command: 'npm start',
    cwd: repoRoot,
    url: 'http://localhost:3000',
    // The backend answers before the frontend bundle is ready; wait for both.
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // The worked numbers in these tests are portal-demo.yaml's own world
    // (its timeline's start); `npm start` alone serves the present. A
    // cooldown of 60 s (30 s by default): the test of "Refresh now" clicks
    // again after a whole refresh, which on a busy machine can take 30 s.
    env: {
      DEMO_TIMELINE: 'start',
      APP_CONFIG_podIpCapacity_refresh_cooldown: '{"seconds":60}',
    },
  },
  use: {
    baseURL: 'http://localhost:3000',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
