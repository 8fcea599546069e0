#!/usr/bin/env node
/*
 * Runs the simulator from its TypeScript sources through Backstage's node transform
 * (the same one `backstage-cli repo start` uses for backends), so no build step is needed.
 */
require('@backstage/cli/config/nodeTransform.cjs');

require('../src/cli')
  .main(process.argv.slice(2))
  .catch(e => {
    process.stderr.write(`${(e && e.stack) || e}\n`);
    process.exit(1);
  });
