import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script (not type-checked), imported for its functions
import { checkLicences, collectPackages, declaredLicence, groupByLicence, satisfies } from './licences.mjs';

interface Pkg {
  name: string;
  version: string;
  licence: string;
  source: string;
  dev: boolean;
  locations: string[];
  via: string[] | null;
}
const collect = collectPackages as (root: string) => { packages: Pkg[]; workspaces: { location: string }[] };
const check = checkLicences as (
  packages: Pkg[],
  allowlist: object,
) => { offenders: Pkg[]; excepted: { package: string }[]; stale: { package: string }[] };
const allows = (expression: string, ids: string[]): boolean =>
  (satisfies as (e: string, a: Set<string>) => boolean)(expression, new Set(ids));

const root = mkdtempSync(path.join(tmpdir(), 'opshub-licences-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, value: object): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), JSON.stringify(value));
}

describe('licence expressions', () => {
  it('OR needs one allowed id, AND needs all, AND binds tighter than OR', () => {
    expect(allows('MIT', ['MIT'])).toBe(true);
    expect(allows('(MIT OR GPL-3.0-only)', ['MIT'])).toBe(true);
    expect(allows('GPL-3.0-only OR Elastic-2.0', ['MIT'])).toBe(false);
    expect(allows('Apache-2.0 AND MIT', ['MIT'])).toBe(false);
    expect(allows('Apache-2.0 AND MIT', ['MIT', 'Apache-2.0'])).toBe(true);
    expect(allows('GPL-2.0-only OR MIT AND ISC', ['MIT', 'ISC'])).toBe(true);
    expect(allows('(GPL-2.0-only OR MIT) AND ISC', ['MIT'])).toBe(false);
    expect(allows('mit or bsd-2-clause', ['mit'])).toBe(true);
    expect(allows('Apache-2.0 WITH LLVM-exception', ['Apache-2.0'])).toBe(true);
  });

  it('text that is not an expression is one id, allowed only when named', () => {
    expect(allows('SEE LICENSE IN LICENSE.md', ['MIT', 'LICENSE.md'])).toBe(false);
    expect(allows('(MIT', ['MIT'])).toBe(false);
    expect(allows('MIT AND', ['MIT'])).toBe(false);
    expect(allows('UNLICENSED', ['MIT'])).toBe(false);
  });

  it('reads license strings and objects, and the old licenses array as a choice', () => {
    const read = declaredLicence as (manifest: object) => string;
    expect(read({ license: 'ISC' })).toBe('ISC');
    expect(read({ license: { type: 'BSD-3-Clause', url: 'x' } })).toBe('BSD-3-Clause');
    expect(read({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('MIT OR Apache-2.0');
    expect(read({ licenses: [{ type: 'MIT' }] })).toBe('MIT');
    expect(read({ license: 'MIT', licenses: [{ type: 'GPL-2.0-only' }] })).toBe('MIT');
    expect(read({})).toBe('UNKNOWN');
  });
});

describe('npm run licences', () => {
  // root ─dev→ tool; web ─→ app-lib ─→ deep (its own nested copy 2.0.0) and shared; web ─→ @ours/kit (a
  // workspace link) ─→ shared; a platform binary not installed here; an old package with a licenses array.
  write('package-lock.json', {
    lockfileVersion: 3,
    packages: {
      '': { name: 'hub', workspaces: ['web', 'kit'], devDependencies: { tool: '1' } },
      web: { name: '@ours/web', version: '0.1.0', dependencies: { 'app-lib': '1', '@ours/kit': '0.1.0' } },
      kit: { name: '@ours/kit', version: '0.1.0', dependencies: { shared: '1' } },
      'node_modules/@ours/kit': { resolved: 'kit', link: true },
      'node_modules/@ours/web': { resolved: 'web', link: true },
      'node_modules/tool': { version: '1.0.0', dev: true, optionalDependencies: { 'tool-linux': '1' } },
      'node_modules/tool-linux': { version: '1.0.0', dev: true, optional: true, license: 'GPL-2.0-only' },
      'node_modules/app-lib': { version: '1.0.0', dependencies: { deep: '2', shared: '1', old: '1' } },
      'node_modules/app-lib/node_modules/deep': { version: '2.0.0' },
      'node_modules/deep': { version: '1.0.0' },
      'node_modules/shared': { version: '1.0.0' },
      'node_modules/old': { version: '0.1.0' },
    },
  });
  write('node_modules/tool/package.json', { name: 'tool', version: '1.0.0', license: 'MIT' });
  write('node_modules/app-lib/package.json', {
    name: 'app-lib',
    version: '1.0.0',
    license: 'Apache-2.0 AND MIT',
  });
  write('node_modules/app-lib/node_modules/deep/package.json', { version: '2.0.0', license: 'Elastic-2.0' });
  write('node_modules/deep/package.json', { version: '1.0.0', license: 'MIT' });
  write('node_modules/shared/package.json', { version: '1.0.0', license: 'UNLICENSED' });
  write('node_modules/old/package.json', {
    version: '0.1.0',
    licenses: [{ type: 'MIT' }, { type: 'GPL-2.0' }],
  });

  const byName = (packages: Pkg[]) => Object.fromEntries(packages.map((p) => [`${p.name}@${p.version}`, p]));

  it('lists every package once with its licence and the shortest path from a workspace', () => {
    const { packages, workspaces } = collect(root);
    expect(workspaces.map((w) => w.location).sort()).toEqual(['kit', 'web']);
    const found = byName(packages);
    expect(Object.keys(found).sort()).toEqual([
      'app-lib@1.0.0',
      'deep@1.0.0',
      'deep@2.0.0',
      'old@0.1.0',
      'shared@1.0.0',
      'tool-linux@1.0.0',
      'tool@1.0.0',
    ]);
    expect(found['deep@2.0.0']).toMatchObject({ licence: 'Elastic-2.0', via: ['web', 'app-lib', 'deep'] });
    expect(found['shared@1.0.0']).toMatchObject({ licence: 'UNLICENSED', via: ['kit', 'shared'] });
    expect(found['old@0.1.0']!.licence).toBe('MIT OR GPL-2.0');
    expect(found['tool-linux@1.0.0']).toMatchObject({
      licence: 'GPL-2.0-only',
      source: 'package-lock.json',
      dev: true,
      via: ['(root)', 'tool', 'tool-linux'],
    });
    // deep@1.0.0 is hoisted but nothing resolves to it.
    expect(found['deep@1.0.0']!.via).toBeNull();
    expect((groupByLicence as (p: Pkg[]) => [string, Pkg[]][])(packages)[0]![0]).toBe('MIT');
  });

  it('names each offender with its path; an exception needs the package and the exact licence', () => {
    const { packages } = collect(root);
    const allowlist = {
      allowed: { MIT: 'permissive', 'Apache-2.0': 'permissive' },
      exceptions: [
        { package: 'deep', licence: 'Elastic-2.0', reason: 'source-available' },
        { package: 'shared', licence: 'Elastic-2.0', reason: 'not what shared declares' },
        { package: 'gone', licence: 'BUSL-1.1', reason: 'no longer installed' },
      ],
    };
    const { offenders, excepted, stale } = check(packages, allowlist);
    expect(offenders.map((p) => `${p.name}: ${p.licence} via ${p.via!.join(' → ')}`).sort()).toEqual([
      'shared: UNLICENSED via kit → shared',
      'tool-linux: GPL-2.0-only via (root) → tool → tool-linux',
    ]);
    expect(excepted.map((e) => e.package)).toEqual(['deep']);
    expect(stale.map((e) => e.package).sort()).toEqual(['gone', 'shared']);
  });
});
