#!/usr/bin/env bash
# Every check and test of the project: type check, lint, packaging checks and
# the adopter test (the packed plugins installed into test/adopter/app), unit
# and integration tests (Jest through backstage-cli), end-to-end tests (Playwright driving
# Debian's Chromium against the demo portal). Prints one closing line with the
# number of tests that passed and failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
reports="$(pwd)/node_modules/.cache/test-reports"
mkdir -p "$reports"
rm -f "$reports"/*.json
status=0

step() { echo; echo "=== $* ==="; }

step "type check (yarn tsc)"
yarn tsc || status=1

step "lint (yarn lint:all, yarn prettier:check)"
yarn lint:all || status=1
yarn prettier:check || status=1

step "REST contract (yarn openapi:check)"
yarn openapi:check || status=1

# The reports read the declarations `yarn tsc` wrote to dist-types above.
step "API reports (backstage-repo-tools api-reports --ci)"
yarn backstage-repo-tools api-reports --ci \
  -o ae-undocumented,ae-wrong-input-file-type --validate-release-tags \
  plugins/pod-ip-capacity-common plugins/pod-ip-capacity-backend \
  plugins/pod-ip-capacity-node plugins/pod-ip-capacity || status=1

# Reads the declarations `yarn tsc` wrote to dist-types above. A few seconds.
step "packaging (declared imports, peers, Backstage ranges, one version each, metadata, README links)"
node --require @backstage/cli/config/nodeTransform.cjs test/packaging/checkPackages.ts || status=1
yarn dedupe --check || status=1

# The published plugins packed with `yarn pack`, installed into a minimal app
# outside the workspaces (strict pnpm layout), its tsc, its backend against
# the EKS simulator. About 3-4 minutes on two shared cores.
step "adopter test (packed plugins in test/adopter/app)"
timeout 600 bash test/adopter/run.sh || status=1

step "unit and integration tests (backstage-cli repo test)"
CI=true yarn backstage-cli repo test --json --outputFile="$reports/jest.json"
jest_exit=$?

# Suites that start several backend processes and a PostgreSQL server run on
# their own, after the others, with a bounded budget: in parallel with every
# other suite on two cores their start-up alone would crowd out the rest.
step "multi-replica tests (PostgreSQL, two backend processes)"
(cd plugins/pod-ip-capacity-backend &&
  CI=true timeout 900 yarn backstage-cli package test src/replicas.multiprocess.test.ts \
    --json --outputFile="$reports/jest-slow.json" --testPathIgnorePatterns /node_modules/)
slow_exit=$?

step "end-to-end tests (Playwright + Chromium)"
bash test/e2e/ensure-chromium.sh || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" \
  yarn playwright test -c test/e2e/playwright.config.ts --reporter=list,json
playwright_exit=$?

node test/summarize-results.js \
  "unit/integration (jest)=jest:$reports/jest.json:$jest_exit" \
  "multi-replica (jest)=jest:$reports/jest-slow.json:$slow_exit" \
  "end-to-end (playwright)=playwright:$reports/playwright.json:$playwright_exit" || status=1
exit $status
