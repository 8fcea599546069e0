/**
 * How the end-to-end tests and the page benchmark launch Debian's Chromium:
 * Playwright cannot download a browser of its own here, and these flags
 * let it run headless as root.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
