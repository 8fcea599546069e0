#!/usr/bin/env bash
# The README's two commands, behind `npm start` and `npm test`:
#   run.sh start   install if needed, then start the demo portal
#   run.sh test    install if needed, then run every check and test
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=bootstrap.sh
source "$repo_root/.toolchain/bootstrap.sh"

case "${1:-}" in
  start) exec bash "$repo_root/.toolchain/start-demo.sh" ;;
  test) exec bash "$repo_root/.toolchain/test-all.sh" ;;
  *)
    echo "usage: bash .toolchain/run.sh start|test" >&2
    exit 64
    ;;
esac
