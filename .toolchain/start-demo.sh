#!/usr/bin/env bash
# Starts the demo portal: the EKS simulator on the portal-demo scenario, then
# the Backstage backend (http://localhost:7007) and the frontend dev server
# (http://localhost:3000) with app-config.yaml's embedded defaults (in-memory
# SQLite, guest sign-in, the example catalog, clusters on the simulator).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

state_dir="node_modules/.cache/eks-simulator"
mkdir -p "$state_dir"

# The simulator's certificate stays the same across restarts (--tls-dir), so
# app-config.yaml can name it as the clusters' caFile.
node packages/eks-simulator/bin/eks-simulator.js \
  --scenario portal-demo \
  --timeline "${DEMO_TIMELINE:-now}" \
  --aws-port 4566 \
  --k8s-base-port 6443 \
  --k8s-http-base-port 6543 \
  --tls-dir "$state_dir" \
  >"$state_dir/simulator.log" 2>&1 &
simulator_pid=$!
trap 'kill "$simulator_pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 100); do
  grep -q '^Ready\.' "$state_dir/simulator.log" 2>/dev/null && break
  if ! kill -0 "$simulator_pid" 2>/dev/null; then
    cat "$state_dir/simulator.log" >&2
    echo "The EKS simulator did not start (log above)." >&2
    exit 1
  fi
  sleep 0.2
done
cat "$state_dir/simulator.log"

# Backstage's unmodified AWS code reaches the simulator through the SDK's
# standard variables: the portal's own identity in the shop account, and the
# STS endpoint for the Kubernetes plugin's IAM tokens and role assumption.
export AWS_ACCESS_KEY_ID=AKIASIMSHOP000000001
export AWS_SECRET_ACCESS_KEY=shop-secret-access-key
export AWS_REGION=eu-west-1
export AWS_ENDPOINT_URL_STS=http://127.0.0.1:4566
export AWS_ENDPOINT_URL_EC2=http://127.0.0.1:4566

echo "Pod IP Capacity demo portal: starting; open http://localhost:3000 when the frontend reports it is ready"
yarn backstage-cli repo start
