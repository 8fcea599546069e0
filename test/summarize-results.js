#!/usr/bin/env node
// Reads the Jest and Playwright JSON reports and prints one closing line,
// "tests: N passed, N failed", so that a run's outcome is one line to read.
// Arguments: one `<label>=<kind>:<report file>:<exit code>` per runner, kind
// `jest` or `playwright`. A missing report, or a runner that exited non-zero
// with no failed test (it could not start, a suite did not load), counts as
// one failure.
const fs = require('node:fs');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Passed, failed and skipped tests of one report, or undefined. */
function countsOf(kind, report) {
  if (!report) return undefined;
  if (kind === 'jest') {
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numRuntimeErrorTestSuites || 0),
      skipped: report.numPendingTests,
    };
  }
  if (!report.stats) return undefined;
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
}

const rows = [];
let passed = 0;
let failed = 0;
for (const arg of process.argv.slice(2)) {
  const [label, spec] = arg.split('=');
  const [kind, file, exit] = spec.split(':');
  const counts = countsOf(kind, readJson(file));
  if (!counts) {
    rows.push(`${label}: no report at ${file}`);
    failed += 1;
    continue;
  }
  rows.push(
    `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  passed += counts.passed;
  failed += counts.failed;
  if (exit !== '0' && counts.failed === 0) {
    rows.push(`${label}: exited ${exit}`);
    failed += 1;
  }
}

console.log('');
for (const row of rows) console.log(row);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
