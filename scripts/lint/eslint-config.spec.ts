import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

// The first type-aware lint builds a TypeScript program (seconds; more on a busy machine).
const slow = { timeout: 120_000 };

// Each rule of eslint.config.js proven on a fixture it must reject, linted with the real config as if the code
// sat at `filePath`. The fixtures do not exist on disk, so the config's TypeScript programs do not hold them:
// here they get their types from the project service's default project (the base compiler options) instead; it
// takes at most 8 files, so the fixtures reuse a few paths. Rules and options are the
// config's own.
const root = path.resolve(import.meta.dirname, '../..');
const overrideConfigFile = path.join(root, 'eslint.config.js');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile,
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: false,
        projectService: {
          allowDefaultProject: [
            '*/*/src/*/lint-fixture*.ts',
            '*/src/*/lint-fixture.ts',
            'subgraphs/lint-fixture/src/*.ts',
          ],
          defaultProject: 'tsconfig.base.json',
        },
      },
    },
  },
});

async function rulesBroken(filePath: string, code: string, linter = eslint): Promise<string[]> {
  const [result] = await linter.lintText(code, {
    filePath: path.resolve(linter === eslint ? root : cycleDir, filePath),
  });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, 'the fixture parses').toEqual([]);
  // opshub/workspace-boundaries says which boundary: 'opshub/workspace-boundaries:domain'. Sorted.
  return result!.messages
    .map((m) =>
      m.ruleId === 'opshub/workspace-boundaries' ? `${m.ruleId}:${m.messageId}` : (m.ruleId ?? ''),
    )
    .sort();
}

const cycleDir = mkdtempSync(path.join(tmpdir(), 'opshub-lint-cycle-'));
afterAll(() => rmSync(cycleDir, { recursive: true, force: true }));

describe('eslint.config.js boundaries', slow, () => {
  it('rejects a deep import into another workspace, accepts its declared exports', async () => {
    const file = 'subgraphs/workflow/src/ous/lint-fixture.ts';
    expect(await rulesBroken(file, "export { createDb } from '@opshub/config/src/env.js';\n")).toEqual([
      'opshub/workspace-boundaries:deep',
    ]);
    expect(
      await rulesBroken('web/src/lib/lint-fixture.ts', "export * from '@opshub/client/resume';\n"),
    ).toEqual([]);
  });

  it('rejects a relative path that leaves its workspace', async () => {
    const code = "export { dcsSubgraph } from '../../../dcs/src/index.js';\n";
    expect(await rulesBroken('subgraphs/workflow/src/ous/lint-fixture.ts', code)).toEqual([
      'opshub/workspace-boundaries:relative',
    ]);
    expect(
      await rulesBroken('subgraphs/workflow/src/ous/lint-fixture.ts', "export * from '../index.js';\n"),
    ).toEqual([]);
  });

  it('keeps domains apart: a subgraph never imports another, the workers may', async () => {
    const code = "export * from '@opshub/dcs';\n";
    // (undeclared too: a domain's package.json never lists another domain either)
    expect(await rulesBroken('subgraphs/workflow/src/ous/lint-fixture.ts', code)).toContain(
      'opshub/workspace-boundaries:domain',
    );
    expect(
      await rulesBroken('subgraphs/dcs/src/device/lint-fixture.ts', "export * from '@opshub/workflow';\n"),
    ).toContain('opshub/workspace-boundaries:domain');
    expect(await rulesBroken('workers/src/dcs/lint-fixture.ts', code)).toEqual([]);
  });

  it('lets the web import @opshub/client only, in .ts and .svelte files', async () => {
    expect(await rulesBroken('web/src/lib/lint-fixture.ts', "export * from '@opshub/errors';\n")).toEqual([
      'opshub/workspace-boundaries:clientOnly',
      'opshub/workspace-boundaries:undeclared',
    ]);
    const svelte =
      '<script lang="ts">\n  import type { Db } from \'@opshub/db\';\n  let db: Db | null = null;\n</script>\n\n<p>{db}</p>\n';
    expect(await rulesBroken('web/src/routes/LintFixture.svelte', svelte)).toContain(
      'opshub/workspace-boundaries:clientOnly',
    );
    expect(
      await rulesBroken('web/src/lib/lint-fixture.ts', "export { login } from '@opshub/client';\n"),
    ).toEqual([]);
  });

  it("rejects a package its workspace's package.json does not declare", async () => {
    const file = 'subgraphs/dcs/src/device/lint-fixture.ts';
    expect(await rulesBroken(file, "export { Queue } from 'bullmq';\n")).toEqual([]);
    expect(
      await rulesBroken(
        'subgraphs/alerts/src/dia-object/lint-fixture.ts',
        "export { Queue } from 'bullmq';\n",
      ),
    ).toEqual(['opshub/workspace-boundaries:undeclared']);
  });

  it('allows @opshub/db in repositories and composition roots, not in a service', async () => {
    const code = "import type { Prisma } from '@opshub/db';\nexport type Row = Prisma.JsonValue;\n";
    expect(await rulesBroken('subgraphs/dcs/src/device/lint-fixture.service.ts', code)).toEqual([
      'no-restricted-imports',
    ]);
    expect(await rulesBroken('subgraphs/dcs/src/device/lint-fixture.repository.ts', code)).toEqual([]);
    expect(await rulesBroken('subgraphs/lint-fixture/src/start.ts', code)).toEqual([]);
  });

  it('rejects an import cycle', async () => {
    // import-x reads the other files of a cycle from disk: a.mjs → b.mjs → a.mjs; c.mjs → b.mjs is no cycle.
    const code = "import { b } from './b.mjs';\nexport const a = () => b;\n";
    writeFileSync(path.join(cycleDir, 'a.mjs'), code);
    writeFileSync(path.join(cycleDir, 'b.mjs'), "import { a } from './a.mjs';\nexport const b = () => a;\n");
    const outside = new ESLint({ cwd: cycleDir, overrideConfigFile });
    expect(await rulesBroken('a.mjs', code, outside)).toEqual(['import-x/no-cycle']);
    expect(await rulesBroken('c.mjs', code, outside)).toEqual([]);
  });
});

describe('eslint.config.js type-aware rules', slow, () => {
  const file = 'subgraphs/workflow/src/ous/lint-fixture.ts';

  it('rejects a floating promise, accepts an explicit void', async () => {
    const head = 'async function work(): Promise<number> {\n  return 1;\n}\n';
    expect(await rulesBroken(file, `${head}export function go(): void {\n  work();\n}\n`)).toEqual([
      '@typescript-eslint/no-floating-promises',
    ]);
    expect(await rulesBroken(file, `${head}export function go(): void {\n  void work();\n}\n`)).toEqual([]);
  });

  it('rejects a promise where a void callback is expected', async () => {
    const code = "import { EventEmitter } from 'node:events';\nnew EventEmitter().on('x', async () => {});\n";
    expect(await rulesBroken(file, code)).toEqual(['@typescript-eslint/no-misused-promises']);
  });

  it('rejects awaiting a value that is not a thenable', async () => {
    expect(
      await rulesBroken(file, 'export async function f(): Promise<number> {\n  return await 1;\n}\n'),
    ).toEqual(['@typescript-eslint/await-thenable']);
  });

  it('rejects a switch that forgets a member of a union, accepts one with a deliberate default', async () => {
    const head =
      "export function f(s: 'a' | 'b'): number {\n  switch (s) {\n    case 'a':\n      return 1;\n";
    expect(await rulesBroken(file, `${head}  }\n  return 0;\n}\n`)).toEqual([
      '@typescript-eslint/switch-exhaustiveness-check',
    ]);
    expect(await rulesBroken(file, `${head}    default:\n      return 0;\n  }\n}\n`)).toEqual([]);
  });
});
