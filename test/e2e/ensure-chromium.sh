#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (Playwright cannot download its
# own browser on machines without internet access). Install it when missing.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Chromium is missing at $chromium: install Debian's 'chromium' package (or set CHROMIUM_PATH)" >&2
  exit 1
fi
echo "[e2e] installing Debian's chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >&2
