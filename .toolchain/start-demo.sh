#!/usr/bin/env bash
# Starts the demo portal: the Backstage backend (http://localhost:7007) and the
# frontend dev server (http://localhost:3000), with app-config.yaml's embedded
# defaults (in-memory SQLite, guest sign-in, the example catalog).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "Pod IP Capacity demo portal: starting; open http://localhost:3000 when the frontend reports it is ready"
exec yarn backstage-cli repo start
