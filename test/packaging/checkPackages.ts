/* eslint-disable no-console */
/**
 * What an adopter installing our packages from npm relies on, checked
 * statically (a few seconds; `npm test` runs it after `yarn tsc`):
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs test/packaging/checkPackages.ts
 *
 * For every published package (every workspace package that is not private):
 *
 * - dependencies: every bare import of `src/` (and of the declarations
 *   `yarn tsc` wrote to `dist-types/` for the files reachable from the
 *   package's entry points, which is where inferred types such as
 *   `@backstage/filter-predicates` appear) is declared. Production code needs
 *   `dependencies` or `peerDependencies`; tests may use `devDependencies`.
 *   Under pnpm or Plug'n'Play an undeclared import does not resolve.
 * - peers: frontend packages take react, react-dom and react-router-dom as
 *   peers and `@types/react` as an optional peer, as Backstage's own
 *   frontend plugins do.
 * - ranges: every `@backstage/*` range is satisfied by the single version
 *   yarn.lock holds for it (the Backstage release in backstage.json), and
 *   yarn.lock holds one version of each `@backstage/*` package.
 * - metadata: `license`, a LICENSE file, `repository` (with `directory`),
 *   `homepage` and `bugs`.
 * - README: every relative link and image points to a file in the tarball
 *   (`files`, or what npm always ships); everything else is absolute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import ts from 'typescript';
import semver from 'semver';

const root = path.resolve(__dirname, '../..');
const problems: string[] = [];
const problem = (pkg: string, message: string) =>
  problems.push(`${pkg}: ${message}`);

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  homepage?: string;
  bugs?: { url?: string } | string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  main?: string;
  types?: string;
  exports?: Record<string, string>;
  files?: string[];
  backstage?: { role?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readJson = <T>(file: string): T =>
  JSON.parse(fs.readFileSync(file, 'utf8'));

const rootPkg = readJson<PackageJson & { workspaces: string[] }>(
  path.join(root, 'package.json'),
);
const rootRepository =
  typeof rootPkg.repository === 'object' ? rootPkg.repository : undefined;

const workspaceDirs = rootPkg.workspaces.flatMap(pattern => {
  const base = path.join(root, pattern.replace(/\/\*$/, ''));
  return fs
    .readdirSync(base)
    .map(d => path.join(base, d))
    .filter(d => fs.existsSync(path.join(d, 'package.json')));
});
const published = workspaceDirs
  .map(dir => ({
    dir,
    pkg: readJson<PackageJson>(path.join(dir, 'package.json')),
  }))
  .filter(({ pkg }) => !pkg.private);

// ---------------------------------------------------------------------------
// Imports

const builtins = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));

const packageNameOf = (specifier: string) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

const isBare = (specifier: string) =>
  !specifier.startsWith('.') &&
  !specifier.startsWith('/') &&
  !builtins.has(specifier) &&
  !builtins.has(specifier.split('/')[0]) &&
  !specifier.startsWith('node:');

/** The module specifiers a file imports, requires or `import()`s. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const info = ts.preProcessFile(text, true, true);
  const specifiers = info.importedFiles.map(f => f.fileName);
  // Import types in declarations: import("x").T
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    specifiers.push(m[1]);
  }
  // jest.mock('x') in tests
  for (const m of text.matchAll(
    /\bjest\.(?:mock|requireActual|doMock)\(\s*["']([^"']+)["']/g,
  )) {
    specifiers.push(m[1]);
  }
  return specifiers;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const isTestFile = (rel: string) =>
  /\.(test|stories)\.[cm]?[jt]sx?$/.test(rel) ||
  /(^|\/)(__testUtils__|__mocks__|__fixtures__)\//.test(rel) ||
  /(^|\/)setupTests\.[jt]sx?$/.test(rel);

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return [p];
  });
}

function checkImports(dir: string, pkg: PackageJson) {
  const deps = pkg.dependencies ?? {};
  const dev = pkg.devDependencies ?? {};
  const peers = pkg.peerDependencies ?? {};
  const runtime = (name: string) =>
    name === pkg.name || name in deps || name in peers;
  const declared = (name: string) => runtime(name) || name in dev;
  const typesDeclared = (name: string) =>
    runtime(name) ||
    `@types/${name.replace(/^@/, '').replace('/', '__')}` in deps ||
    `@types/${name.replace(/^@/, '').replace('/', '__')}` in peers;

  const reported = new Set<string>();
  const report = (key: string, message: string) => {
    if (!reported.has(key)) {
      reported.add(key);
      problem(pkg.name, message);
    }
  };

  const rel = (file: string) => path.relative(dir, file);
  const srcFiles = ['src', 'bin']
    .flatMap(d => walk(path.join(dir, d)))
    .filter(f => SOURCE.test(f) || rel(f).startsWith('bin/'));
  if (fs.existsSync(path.join(dir, 'config.d.ts'))) {
    srcFiles.push(path.join(dir, 'config.d.ts'));
  }
  for (const file of srcFiles) {
    // bin/ scripts may register a dev-time transform when run inside the
    // repository (guarded); they only need what they require declared.
    const test = isTestFile(rel(file)) || rel(file).startsWith('bin/');
    for (const specifier of importsOf(file).filter(isBare)) {
      const name = packageNameOf(specifier);
      if (test ? !declared(name) : !runtime(name)) {
        const where =
          !test && name in dev
            ? 'is only in devDependencies'
            : 'is not declared';
        report(
          `${name}:${test}`,
          `${rel(file)} imports '${specifier}', which ${where}${
            test ? '' : ' (dependencies or peerDependencies)'
          }`,
        );
      }
    }
  }

  // The published declarations: dist-types of the files reachable from the
  // entry points (what the build's API Extractor rolls up into dist/*.d.ts).
  const distTypes = path.join(root, 'dist-types', path.relative(root, dir));
  if (!fs.existsSync(distTypes)) {
    report(
      'dist-types',
      `no ${path.relative(root, distTypes)}: run yarn tsc first`,
    );
    return;
  }
  const entries = pkg.exports
    ? Object.values(pkg.exports).filter(e => SOURCE.test(e))
    : [pkg.types ?? pkg.main ?? 'src/index.ts'];
  const toDts = (src: string) =>
    path.join(
      distTypes,
      src.replace(/^\.\//, '').replace(/\.[cm]?[jt]sx?$/, '.d.ts'),
    );
  const queue = entries
    .filter(e => e.startsWith('./src/') || e.startsWith('src/'))
    .map(toDts);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        for (const candidate of [
          `${target}.d.ts`,
          path.join(target, 'index.d.ts'),
          ...(target.endsWith('.js') ? [target.replace(/\.js$/, '.d.ts')] : []),
        ]) {
          if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
            queue.push(candidate);
          }
        }
      } else if (isBare(specifier)) {
        const name = packageNameOf(specifier);
        if (!typesDeclared(name)) {
          report(
            `${name}:types`,
            `the published types (${path.relative(
              distTypes,
              file,
            )}) import '${specifier}', which is not in dependencies or peerDependencies`,
          );
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Peers and ranges

const FRONTEND_ROLES = [
  'frontend-plugin',
  'frontend-plugin-module',
  'web-library',
];
const REACT_PEERS = ['react', 'react-dom', 'react-router-dom'];

function checkPeers(pkg: PackageJson) {
  if (!FRONTEND_ROLES.includes(pkg.backstage?.role ?? '')) return;
  for (const name of REACT_PEERS) {
    if (!pkg.peerDependencies?.[name]) {
      problem(pkg.name, `'${name}' must be a peerDependency`);
    }
    if (pkg.dependencies?.[name]) {
      problem(pkg.name, `'${name}' must not be in dependencies (a peer)`);
    }
  }
  if (!pkg.peerDependencies?.['@types/react']) {
    problem(pkg.name, `'@types/react' must be an (optional) peerDependency`);
  } else if (!pkg.peerDependenciesMeta?.['@types/react']?.optional) {
    problem(pkg.name, `'@types/react' must be optional (peerDependenciesMeta)`);
  }
}

/** The versions yarn.lock holds for each package. */
function lockedVersions(): Map<string, Set<string>> {
  const lock = fs.readFileSync(path.join(root, 'yarn.lock'), 'utf8');
  const versions = new Map<string, Set<string>>();
  for (const block of lock.split(/\n\n/)) {
    const header = block.match(/^"?((?:@[^@/"]+\/)?[^@"]+)@/m);
    const version = block.match(/\n {2}version: "?([^"\n]+)"?/);
    const resolution = block.match(/\n {2}resolution: "?([^"\n]+)"?/);
    if (!header || !version || !resolution?.[1].includes('@npm:')) continue;
    if (!versions.has(header[1])) versions.set(header[1], new Set());
    versions.get(header[1])!.add(version[1]);
  }
  return versions;
}

const locked = lockedVersions();

function checkRanges(pkg: PackageJson) {
  for (const field of ['dependencies', 'peerDependencies'] as const) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const versions = [...(locked.get(name) ?? [])];
      if (versions.length === 0) continue; // optional peers not installed here
      if (!versions.some(v => semver.satisfies(v, range))) {
        problem(
          pkg.name,
          `${field}['${name}'] is '${range}', but this repo's Backstage release has ${versions.join(
            ', ',
          )}`,
        );
      }
    }
  }
}

function checkDuplicates() {
  for (const [name, versions] of locked) {
    if (name.startsWith('@backstage/') && versions.size > 1) {
      problem(
        'yarn.lock',
        `${name} at ${[...versions].join(
          ', ',
        )}: one Backstage release has one version of each package`,
      );
    }
  }
}

// ---------------------------------------------------------------------------
// Metadata and README

function checkMetadata(dir: string, pkg: PackageJson) {
  const directory = path.relative(root, dir).split(path.sep).join('/');
  if (pkg.license !== 'Apache-2.0') {
    problem(pkg.name, `license is '${pkg.license}', expected 'Apache-2.0'`);
  }
  if (!fs.readdirSync(dir).some(f => /^licen[cs]e(\.|$)/i.test(f))) {
    problem(pkg.name, `no LICENSE file in ${directory}`);
  }
  const repo = pkg.repository;
  if (typeof repo !== 'object' || !repo.url) {
    problem(pkg.name, `no repository { type, url, directory } field`);
  } else {
    if (repo.directory !== directory) {
      problem(
        pkg.name,
        `repository.directory is '${repo.directory}', expected '${directory}'`,
      );
    }
    if (rootRepository && repo.url !== rootRepository.url) {
      problem(pkg.name, `repository.url differs from the root package.json's`);
    }
  }
  if (!pkg.homepage || !/^https:\/\//.test(pkg.homepage)) {
    problem(pkg.name, `no homepage (an https URL)`);
  }
  const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
  if (!bugs || !/^https:\/\//.test(bugs)) {
    problem(pkg.name, `no bugs.url (an https URL)`);
  }
  for (const entry of pkg.files ?? []) {
    if (!/[*?]/.test(entry) && !fs.existsSync(path.join(dir, entry))) {
      if (entry !== 'dist') {
        problem(pkg.name, `files lists '${entry}', which does not exist`);
      }
    }
  }
}

/** The link targets of a Markdown document, outside code. */
export function markdownLinks(markdown: string): string[] {
  const text = markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const links: string[] = [];
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)) {
    links.push(m[1]);
  }
  for (const m of text.matchAll(
    /^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)/gm,
  )) {
    links.push(m[1]);
  }
  for (const m of text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)) {
    links.push(m[1]);
  }
  return links;
}

const ALWAYS_PACKED =
  /^(package\.json|readme(\.[^/]*)?|licen[cs]e(\.[^/]*)?|changelog(\.[^/]*)?)$/i;

function checkReadme(dir: string, pkg: PackageJson) {
  const readme = fs.readdirSync(dir).find(f => /^readme\.md$/i.test(f));
  if (!readme) {
    problem(pkg.name, 'no README.md');
    return;
  }
  const files = (pkg.files ?? []).map(f =>
    f.replace(/^\.\//, '').replace(/\/$/, ''),
  );
  for (const link of markdownLinks(
    fs.readFileSync(path.join(dir, readme), 'utf8'),
  )) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#')) continue;
    const target = decodeURIComponent(link.replace(/[#?].*$/, ''));
    const rel = path
      .relative(dir, path.resolve(dir, target))
      .split(path.sep)
      .join('/');
    const packed =
      !rel.startsWith('..') &&
      (ALWAYS_PACKED.test(rel) ||
        files.some(f => rel === f || rel.startsWith(`${f}/`)));
    if (!packed) {
      problem(
        pkg.name,
        `${readme} links to '${link}', which is not in the package's tarball: ship it (files) or link it absolutely`,
      );
    } else if (
      !fs.existsSync(path.join(dir, rel)) &&
      !rel.startsWith('dist/')
    ) {
      problem(pkg.name, `${readme} links to '${link}', which does not exist`);
    }
  }
}

// ---------------------------------------------------------------------------

if (!rootRepository?.url) {
  problem(
    'package.json',
    'the root package.json has no repository { type, url }',
  );
}
for (const { dir, pkg } of published) {
  checkImports(dir, pkg);
  checkPeers(pkg);
  checkRanges(pkg);
  checkMetadata(dir, pkg);
  checkReadme(dir, pkg);
}
checkDuplicates();

console.log(
  `Checked ${published.length} published packages: ${published
    .map(p => p.pkg.name)
    .join(', ')}`,
);
if (problems.length > 0) {
  console.error(`\n${problems.length} packaging problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log('Dependencies, peers, ranges, metadata and README links: ok');
