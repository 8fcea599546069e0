#!/usr/bin/env bash
# The adopter test: our plugins as an adopter gets them from npm.
#
#   bash test/adopter/run.sh        (after `yarn tsc`; npm test runs it)
#
# 1. builds and `yarn pack`s the four published plugin packages into tarballs;
# 2. installs them into the minimal app in test/adopter/app, copied outside the
#    repository so nothing resolves from the workspaces, with yarn's pnpm
#    linker (every package sees only what it declares), starting from the
#    repository's yarn.lock (the Backstage release in backstage.json) and
#    yarn's cache, so only our tarballs are new;
# 3. checks one version of each @backstage/* package was installed (no
#    duplicates pulled in by our ranges), then runs the app's `tsc` (the
#    backend's index.ts and a frontend using both frontend systems, against
#    the packed declarations, skipLibCheck off);
# 4. starts the app's backend against the EKS simulator (one cluster with
#    `authProvider: aws`, one with `serviceAccount`, as the backend README
#    configures them) and reads GET /api/pod-ip-capacity/clusters.
#
# KEEP_ADOPTER_DIR=1 keeps the temporary directory for a look afterwards.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
work="$(mktemp -d "${TMPDIR:-/tmp}/pod-ip-capacity-adopter.XXXXXX")"
sim_pid=""
backend_pid=""
cleanup() {
  [ -n "$backend_pid" ] && kill "$backend_pid" 2>/dev/null || true
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  if [ -z "${KEEP_ADOPTER_DIR:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

t0=$SECONDS
phase() { echo "--- $* (at $((SECONDS - t0)) s)"; }

packages=(
  @pod-ip-capacity/plugin-pod-ip-capacity-common
  @pod-ip-capacity/plugin-pod-ip-capacity-node
  @pod-ip-capacity/plugin-pod-ip-capacity-backend
  @pod-ip-capacity/plugin-pod-ip-capacity
)
includes=()
for p in "${packages[@]}"; do includes+=(--include "$p"); done

if [ ! -d dist-types/plugins ]; then
  echo "No dist-types/: run yarn tsc first (the builds read the declarations it writes)." >&2
  exit 1
fi

mkdir -p "$work/packs"
if [ -n "${ADOPTER_PACKS:-}" ]; then
  # Tarballs packed earlier (a kept directory's packs/), to iterate on the app.
  cp "$ADOPTER_PACKS"/*.tgz "$work/packs/"
else
  phase "build (backstage-cli package build)"
  yarn workspaces foreach -A -p "${includes[@]}" run build >"$work/build.log" 2>&1 ||
    { cat "$work/build.log"; exit 1; }

  phase "pack (yarn pack)"
  # yarn pack runs backstage-cli's prepack: publishConfig applied, workspace:^
  # ranges replaced by versions, as npm publish would ship them.
  yarn workspaces foreach -A -p "${includes[@]}" pack --out "$work/packs/%s.tgz" >"$work/pack.log" 2>&1 ||
    { cat "$work/pack.log"; exit 1; }
  # %s is the slugified name (@pod-ip-capacity-plugin-…); the app names plugin-….tgz.
  for f in "$work"/packs/@pod-ip-capacity-*.tgz; do
    mv "$f" "$work/packs/$(basename "$f" | sed 's/^@pod-ip-capacity-//')"
  done
fi
for f in "$work"/packs/*.tgz; do
  listing="$(tar tzf "$f")"
  echo "  $(basename "$f"): $(echo "$listing" | wc -l) files, $(du -k "$f" | cut -f1) kB"
  for required in package/LICENSE package/README.md package/package.json; do
    grep -qx "$required" <<<"$listing" || { echo "$f has no ${required#package/}" >&2; exit 1; }
  done
  # main, types and every exports target of the packed package.json are in it.
  tar xzf "$f" -O package/package.json | node -e '
    const pkg = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const files = new Set(process.argv[1].split("\n").map(l => l.replace(/^package\//, "")));
    const targets = [pkg.main, pkg.types, pkg.module].filter(Boolean);
    const walk = v => typeof v === "string" ? targets.push(v) : Object.values(v ?? {}).forEach(walk);
    walk(pkg.exports);
    const missing = targets
      .filter(t => !t.startsWith("@")) // condition values such as @backstage/FrontendPlugin
      .map(t => t.replace(/^\.\//, ""))
      .filter(t => !files.has(t));
    if (!pkg.main || !pkg.types) missing.push("(main and types must be set)");
    if (JSON.stringify(pkg).includes("workspace:")) missing.push("(a workspace: range)");
    if (missing.length) {
      console.error(`${pkg.name}: not in the tarball: ${missing.join(", ")}`);
      process.exit(1);
    }
  ' "$listing"
done

phase "install into the adopter app (yarn 4, pnpm linker)"
cp -r test/adopter/app "$work/app"
cd "$work/app"
# The app is on the Backstage release the repository is on (backstage.json):
# its lockfile starts as the repository's, so Backstage's packages resolve to
# that release's versions (the registry's `latest` may be a newer release).
# ADOPTER_FRESH=1 resolves everything anew instead, as `create-app` today
# would; duplicates are then reported, not failed on.
# The root's resolutions come along: the registry gaps of this machine's
# mirror (ENVIRONMENT.md) and the release's pins.
if [ -z "${ADOPTER_FRESH:-}" ]; then
  cp "$repo/yarn.lock" yarn.lock
  node -e '
    const fs = require("fs");
    const root = require(process.argv[1]);
    const app = JSON.parse(fs.readFileSync("package.json", "utf8"));
    app.resolutions = { ...root.resolutions, ...app.resolutions };
    fs.writeFileSync("package.json", JSON.stringify(app, null, 2) + "\n");
  ' "$repo/package.json"
fi
yarn_cli=("node" "$repo/.yarn/releases/$(ls "$repo/.yarn/releases" | head -n 1)")
YARN_ENABLE_IMMUTABLE_INSTALLS=false "${yarn_cli[@]}" install >"$work/install.log" 2>&1 ||
  { tail -n 60 "$work/install.log"; exit 1; }
# YN0002: "doesn't provide <peer> to <package>": a peer our packages need
# and do not declare (react-dom to core-components and the like).
if grep 'YN0002' "$work/install.log" | grep '@pod-ip-capacity/'; then
  echo "our packages do not pass on the peer dependencies above" >&2
  exit 1
fi

phase "one version of each @backstage/* package"
node -e '
  const lock = require("fs").readFileSync("yarn.lock", "utf8");
  const versions = {};
  for (const block of lock.split("\n\n")) {
    const name = block.match(/^"?(@backstage\/[^@"]+)@/m);
    const version = block.match(/\n  version: "?([^"\n]+)/);
    if (name && version) (versions[name[1]] ??= new Set()).add(version[1]);
  }
  const dup = Object.entries(versions).filter(([, v]) => v.size > 1);
  for (const [n, v] of dup) console.error(`  ${n}: ${[...v].join(", ")}`);
  console.log(`  ${Object.keys(versions).length} @backstage/* packages, ${dup.length} with more than one version`);
  process.exit(dup.length && !process.env.ADOPTER_FRESH ? 1 : 0);
'

phase "tsc (the app against the packed declarations)"
"${yarn_cli[@]}" tsc
"${yarn_cli[@]}" build:backend

phase "start the EKS simulator and the app's backend"
node "$repo/packages/eks-simulator/bin/eks-simulator.js" --scenario portal-demo \
  --aws-port 0 --k8s-base-port 0 --write-endpoints "$work/endpoints.json" \
  >"$work/simulator.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 150); do
  grep -q '^Ready\.' "$work/simulator.log" 2>/dev/null && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$work/simulator.log"; exit 1; }
  sleep 0.2
done
grep -q '^Ready\.' "$work/simulator.log" || { cat "$work/simulator.log"; exit 1; }
endpoint() { node -e "const e = require('$work/endpoints.json'); console.log($1)"; }
node -e "require('fs').writeFileSync('$work/ca.crt', require('$work/endpoints.json').caCert)"
free_port=$(node -e 's = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
aws_url=$(endpoint 'e.aws.endpoint')
export ADOPTER_BACKEND_PORT="$free_port"
export ADOPTER_API_TOKEN="adopter-test-token-$RANDOM$RANDOM"
export ADOPTER_CA_FILE="$work/ca.crt"
export ADOPTER_AWS_PORT="${aws_url##*:}"
ADOPTER_EKS_PROD_PORT=$(endpoint 'new URL(e.clusters.find(c => c.name === "eks-prod").url).port')
ADOPTER_EKS_DEV_PORT=$(endpoint 'new URL(e.clusters.find(c => c.name === "eks-dev").url).port')
export ADOPTER_EKS_PROD_PORT ADOPTER_EKS_DEV_PORT
# The Kubernetes plugin's STS presigning and role assumption reach the
# simulator through the AWS SDK's standard variables.
export AWS_REGION=eu-west-1 AWS_ENDPOINT_URL_STS="$aws_url"
node dist/backend.js --config app-config.yaml >"$work/backend.log" 2>&1 &
backend_pid=$!

phase "GET /api/pod-ip-capacity/clusters"
if ! node - "http://127.0.0.1:$free_port/api/pod-ip-capacity/clusters" "$ADOPTER_API_TOKEN" <<'EOF'; then
const [url, token] = process.argv.slice(2);
const deadline = Date.now() + 90_000;
const expected = { 'eks-prod': 'aws', 'eks-dev': 'serviceAccount' };
(async () => {
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      last = `${res.status} ${(await res.text()).slice(0, 2000)}`;
      if (res.ok) {
        const body = JSON.parse(last.slice(4));
        const ready = Object.keys(expected).map(name =>
          body.clusters.find(c => c.name === name),
        );
        if (ready.every(c => c && ['ok', 'partial'].includes(c.snapshot.status))) {
          for (const c of ready) {
            if (c.authProvider !== expected[c.name] || !(c.totals?.nodes > 0)) {
              throw new Error(`unexpected ${c.name}: ${JSON.stringify(c).slice(0, 500)}`);
            }
            console.log(
              `  ${c.name} (${c.authProvider}): ${c.snapshot.status}, ${c.totals.nodes} nodes, ` +
                `${c.totals.pods} pods, ${c.totals.heldIps} IPs held, ${c.totals.freePrefixBlocks} free /28 blocks`,
            );
          }
          return;
        }
      }
    } catch (e) {
      if (e.message.startsWith('unexpected')) throw e;
      last = String(e);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`no collected snapshot of eks-prod and eks-dev within 90 s; last answer: ${last}`);
})().catch(e => {
  console.error(e.message);
  process.exit(1);
});
EOF
  echo "--- backend log (last 80 lines)" >&2
  tail -n 80 "$work/backend.log" >&2
  exit 1
fi

phase "adopter test passed"
