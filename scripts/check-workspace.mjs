#!/usr/bin/env node
// Checks the workspace's layering: no cycle among the workspace packages (dependencies,
// devDependencies, peerDependencies and optionalDependencies all count), and no source file
// that reaches into another workspace package's src/ instead of importing the package.
// `node scripts/check-workspace.mjs [ROOT]`; exits 1 naming each problem.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SKIPPED, workspaceManifests } from './workspace-packages.mjs';

const DEPENDENCY_KINDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
];
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SPECIFIERS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** The root package and every workspace package: name, folder and internal dependencies. */
function readPackages(root) {
  const manifests = [
    { dir: root, json: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) },
    ...workspaceManifests(root),
  ];
  const names = new Set(manifests.map(({ json }) => json.name));
  return manifests.map(({ dir, json }) => ({
    name: json.name,
    dir,
    uses: [
      ...new Set(
        DEPENDENCY_KINDS.flatMap((kind) => Object.keys(json[kind] ?? {})).filter((dep) =>
          names.has(dep),
        ),
      ),
    ].sort(),
  }));
}

/** Every cycle the graph has, each as `a → b → a`, found by depth-first search. */
function cycles(packages) {
  const uses = new Map(packages.map((pkg) => [pkg.name, pkg.uses]));
  const done = new Set();
  const found = [];
  const visit = (name, path) => {
    const at = path.indexOf(name);
    if (at !== -1) {
      // Written from its first name in sort order, so the same cycle reads the same each run.
      const ring = path.slice(at);
      const first = ring.indexOf([...ring].sort()[0]);
      const from = [...ring.slice(first), ...ring.slice(0, first)];
      found.push([...from, from[0]].join(' → '));
      return;
    }
    if (done.has(name)) return;
    for (const next of uses.get(name) ?? []) visit(next, [...path, name]);
    done.add(name);
  };
  for (const { name } of packages) visit(name, []);
  return found;
}

function* sourceFiles(dir) {
  const entries = readdirSync(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

/** Imports that name another workspace package's src/, by package name or by a relative path. */
function reachesIntoSrc(root, packages) {
  const byDepth = [...packages].sort((a, b) => b.dir.length - a.dir.length);
  const ownerOf = (path) =>
    byDepth.find((pkg) => path === pkg.dir || path.startsWith(pkg.dir + sep));
  const found = [];
  for (const file of sourceFiles(root)) {
    const owner = ownerOf(file);
    const text = readFileSync(file, 'utf8');
    for (const pattern of SPECIFIERS) {
      for (const [, specifier] of text.matchAll(pattern)) {
        const target = specifier.startsWith('.')
          ? ownerOf(resolve(dirname(file), specifier))
          : packages.find((pkg) => specifier.startsWith(`${pkg.name}/src/`));
        if (target === undefined || target === owner) continue;
        const path = specifier.startsWith('.')
          ? resolve(dirname(file), specifier)
          : join(target.dir, specifier.slice(target.name.length + 1));
        if (path.startsWith(join(target.dir, 'src') + sep)) {
          found.push(`${relative(root, file)} imports ${specifier}, inside ${target.name}'s src/`);
        }
      }
    }
  }
  return found;
}

const root = resolve(process.argv[2] ?? '.');
const packages = readPackages(root);
const problems = [
  ...cycles(packages).map((cycle) => `dependency cycle: ${cycle}`),
  ...reachesIntoSrc(root, packages),
];
if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exit(1);
}
const edges = packages.reduce((sum, pkg) => sum + pkg.uses.length, 0);
console.log(
  `workspace: ${packages.length} packages, ${edges} internal dependencies, no cycle; ` +
    "no source imports another package's src/",
);
