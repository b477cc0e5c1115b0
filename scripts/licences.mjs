// npm run licences: every package in package-lock.json (production and dev), its licence read from its own
// package.json in node_modules (from the lock where the package is not installed on this machine, e.g. another
// platform's binary), grouped by licence. Exits 1 when a licence is not satisfied by the allowlist
// (scripts/licences-allowlist.json) and the package is not one of its named exceptions, naming the offender and
// the dependency path that pulls it in. `--json` prints the whole report; `--summary` prints counts only.
// docs/adr/0004-licences.md says why the allowlist and the exceptions are what they are.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Splits an SPDX expression into ids, operators and parentheses (`(MIT OR Apache-2.0)` → 5 tokens). */
function tokenize(expression) {
  return expression
    .replace(/[()]/g, ' $& ')
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => (/^(and|or|with)$/i.test(token) ? token.toUpperCase() : token));
}

/**
 * Parses an SPDX licence expression into a tree: { id } | { and: [..] } | { or: [..] }. AND binds tighter than
 * OR; `X WITH exception` is one id. Anything that is not an expression (`SEE LICENSE IN …`, `Public Domain`)
 * becomes a single id holding the whole text, which no allowlist entry names unless it names that text.
 */
export function parseExpression(expression) {
  const tokens = tokenize(expression);
  let at = 0;
  const fail = () => {
    throw new Error('not an expression');
  };
  const primary = () => {
    const token = tokens[at++];
    if (token === '(') {
      const inner = or();
      if (tokens[at++] !== ')') fail();
      return inner;
    }
    if (token === undefined || ['AND', 'OR', 'WITH', ')'].includes(token)) fail();
    if (tokens[at] === 'WITH') {
      const exception = tokens[at + 1];
      if (exception === undefined || ['AND', 'OR', '(', ')'].includes(exception)) fail();
      at += 2;
      return { id: `${token} WITH ${exception}` };
    }
    return { id: token };
  };
  const chain = (operator, next, key) => () => {
    const terms = [next()];
    while (tokens[at] === operator) {
      at++;
      terms.push(next());
    }
    return terms.length === 1 ? terms[0] : { [key]: terms };
  };
  const and = chain('AND', primary, 'and');
  const or = chain('OR', and, 'or');
  try {
    const tree = or();
    if (at !== tokens.length) fail();
    return tree;
  } catch {
    return { id: expression.trim() };
  }
}

/** Whether `allowed` (a Set of ids) satisfies an expression: OR needs one term, AND every term. */
export function satisfies(expression, allowed) {
  const test = (node) => {
    if (node.or) return node.or.some(test);
    if (node.and) return node.and.every(test);
    // `Apache-2.0 WITH LLVM-exception` is satisfied by `Apache-2.0` (an exception only adds permissions).
    return allowed.has(node.id) || allowed.has(node.id.split(' WITH ')[0]);
  };
  return test(parseExpression(expression));
}

/**
 * The licence a package.json declares, as one SPDX expression: `license` as a string or a `{ type }` object;
 * else the deprecated `licenses` array (each entry a choice, joined with OR); `UNKNOWN` when neither is there.
 */
export function declaredLicence(manifest) {
  const text = (entry) => (typeof entry === 'string' ? entry : entry?.type);
  const single = text(manifest?.license);
  if (single) return single.trim();
  const list = Array.isArray(manifest?.licenses) ? manifest.licenses.map(text).filter(Boolean) : [];
  if (list.length === 1) return list[0].trim();
  if (list.length > 1)
    return list.map((id) => (/\s/.test(id.trim()) ? `(${id.trim()})` : id.trim())).join(' OR ');
  return 'UNKNOWN';
}

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
function nameFromPath(location) {
  return location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** Node's resolution over the lock's paths: `name` required from the package at `from`. */
function resolve(packages, from, name) {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return packages[candidate].link ? packages[candidate].resolved : candidate;
    if (base === '') return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/**
 * Every package of `root`'s package-lock.json, with its licence and the shortest path from a workspace (or the
 * root) that pulls it in: [workspace, top-level dependency, …, the package]. Workspaces (ours) are returned apart.
 */
export function collectPackages(root) {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const packages = lock.packages ?? {};
  const isWorkspace = (location) => location === '' || !location.includes('node_modules/');
  const label = (location) => (location === '' ? '(root)' : location);
  // Breadth first from the root and every workspace: the first path found to a package is a shortest one.
  const via = new Map();
  const queue = [];
  for (const location of Object.keys(packages).filter(isWorkspace)) {
    via.set(location, [label(location)]);
    queue.push(location);
  }
  while (queue.length) {
    const from = queue.shift();
    const entry = packages[from];
    const names = {
      ...entry.peerDependencies,
      ...entry.optionalDependencies,
      ...entry.dependencies,
      ...(isWorkspace(from) ? entry.devDependencies : {}),
    };
    for (const name of Object.keys(names)) {
      const target = resolve(packages, from, name);
      if (target === null || via.has(target)) continue;
      via.set(target, isWorkspace(target) ? [label(target)] : [...via.get(from), name]);
      queue.push(target);
    }
  }
  const found = new Map();
  const workspaces = [];
  for (const [location, entry] of Object.entries(packages)) {
    if (entry.link) continue;
    if (isWorkspace(location)) {
      if (location !== '')
        workspaces.push({ location, name: entry.name ?? location, version: entry.version });
      continue;
    }
    const manifestFile = path.join(root, location, 'package.json');
    const installed = existsSync(manifestFile);
    const manifest = installed ? JSON.parse(readFileSync(manifestFile, 'utf8')) : entry;
    const name = entry.name ?? nameFromPath(location);
    const version = manifest.version ?? entry.version;
    const key = `${name}@${version}`;
    const known = found.get(key);
    if (known) {
      known.locations.push(location);
      continue;
    }
    found.set(key, {
      name,
      version,
      licence: declaredLicence(manifest),
      source: installed ? 'package.json' : 'package-lock.json',
      dev: entry.dev === true,
      optional: entry.optional === true || entry.devOptional === true,
      locations: [location],
      via: via.get(location) ?? null,
    });
  }
  return { packages: [...found.values()], workspaces };
}

/**
 * Checks packages against an allowlist `{ allowed: { id: why }, exceptions: [{ package, licence, reason }] }`.
 * An exception holds for that package name declaring exactly that licence; one matching no package is stale.
 */
export function checkLicences(packages, allowlist) {
  const allowed = new Set(Object.keys(allowlist.allowed ?? {}));
  const exceptions = allowlist.exceptions ?? [];
  const used = new Set();
  const offenders = [];
  for (const pkg of packages) {
    if (satisfies(pkg.licence, allowed)) continue;
    const exception = exceptions.find((e) => e.package === pkg.name && e.licence === pkg.licence);
    if (exception) used.add(exception);
    else offenders.push(pkg);
  }
  return { offenders, excepted: [...used], stale: exceptions.filter((e) => !used.has(e)) };
}

/** Licence → packages, largest group first. */
export function groupByLicence(packages) {
  const groups = new Map();
  for (const pkg of packages) groups.set(pkg.licence, [...(groups.get(pkg.licence) ?? []), pkg]);
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

function printReport({ packages, workspaces }, result, summary) {
  const out = [];
  const dev = packages.filter((p) => p.dev).length;
  out.push(
    `${packages.length} packages (${packages.length - dev} production, ${dev} dev only); ` +
      `${workspaces.length} workspaces of ours (private, not listed)`,
  );
  for (const [licence, group] of groupByLicence(packages)) {
    out.push(`${licence}: ${group.length}`);
    if (!summary) {
      for (const p of group.sort((a, b) => a.name.localeCompare(b.name))) {
        const flags = [p.dev && 'dev', p.source === 'package-lock.json' && 'not installed here'].filter(
          Boolean,
        );
        out.push(`  ${p.name}@${p.version}${flags.length ? ` (${flags.join(', ')})` : ''}`);
      }
    }
  }
  for (const e of result.excepted) out.push(`exception: ${e.package} (${e.licence}): ${e.reason}`);
  console.log(out.join('\n'));
  for (const p of result.offenders) {
    console.error(
      `licence not allowed: ${p.name}@${p.version} is ${p.licence}, pulled in by ${p.via ? p.via.join(' → ') : p.locations[0]}`,
    );
  }
  for (const e of result.stale) {
    console.error(
      `stale exception: no package ${e.package} declares ${e.licence}; remove it from the allowlist`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const allowlist = JSON.parse(readFileSync(path.join(root, 'scripts/licences-allowlist.json'), 'utf8'));
  const collected = collectPackages(root);
  const result = checkLicences(collected.packages, allowlist);
  if (process.argv.includes('--json')) {
    const byLicence = Object.fromEntries(groupByLicence(collected.packages).map(([l, g]) => [l, g.length]));
    console.log(JSON.stringify({ byLicence, ...collected, ...result }, null, 2));
  } else {
    printReport(collected, result, process.argv.includes('--summary'));
  }
  if (result.offenders.length || result.stale.length) process.exitCode = 1;
}
