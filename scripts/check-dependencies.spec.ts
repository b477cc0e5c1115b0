import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script (not type-checked), imported for its one function
import { unusedDependencies } from './check-dependencies.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'opshub-deps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

describe('check-dependencies', () => {
  it('names a declared dependency no file imports, not one imported in any form', () => {
    write('package.json', JSON.stringify({ workspaces: ['packages/*', 'web'] }));
    const dependencies = {
      graphql: '1',
      'graphql-ws': '1',
      pg: '1',
      'reflect-metadata': '1',
      '@scope/x': '1',
    };
    write(
      'packages/a/package.json',
      JSON.stringify({ dependencies, devDependencies: { '@types/pg': '1', jose: '1' } }),
    );
    write(
      'packages/a/src/main.ts',
      "import 'reflect-metadata';\nimport { parse } from 'graphql';\nexport * from '@scope/x/deep';\n",
    );
    write('packages/a/test/b.test.ts', "const { useServer } = await import('graphql-ws/use/ws');\n");
    write('web/package.json', JSON.stringify({ devDependencies: { vite: '1' } }));
    const unused = unusedDependencies(root, { web: { vite: 'the build' } });
    expect(unused).toEqual([
      { workspace: 'packages/a', name: 'pg' },
      { workspace: 'packages/a', name: 'jose' },
    ]);
  });
});
