#!/usr/bin/env node
// Reads the Jest and Playwright JSON reports and prints one closing line,
// "tests: N passed, N failed", so that a run's outcome is one line to read.
// A missing report, or a runner that exited non-zero with no failed test
// (it could not start, a suite did not load), counts as one failure.
const fs = require('node:fs');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const [jestFile, jestExit, playwrightFile, playwrightExit] =
  process.argv.slice(2);
const rows = [];
let passed = 0;
let failed = 0;

const jest = readJson(jestFile);
if (jest) {
  rows.push(
    `unit/integration (jest): ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped`,
  );
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites || 0);
  if (jestExit !== '0' && jest.numFailedTests === 0) {
    rows.push(`unit/integration (jest): exited ${jestExit}`);
    failed += 1;
  }
} else {
  rows.push(`unit/integration (jest): no report at ${jestFile}`);
  failed += 1;
}

const playwright = readJson(playwrightFile);
if (playwright && playwright.stats) {
  const { expected, unexpected, flaky, skipped } = playwright.stats;
  rows.push(
    `end-to-end (playwright): ${
      expected + flaky
    } passed, ${unexpected} failed, ${skipped} skipped`,
  );
  passed += expected + flaky;
  failed += unexpected;
  if (playwrightExit !== '0' && unexpected === 0) {
    rows.push(`end-to-end (playwright): exited ${playwrightExit}`);
    failed += 1;
  }
} else {
  rows.push(`end-to-end (playwright): no report at ${playwrightFile}`);
  failed += 1;
}

console.log('');
for (const row of rows) console.log(row);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
