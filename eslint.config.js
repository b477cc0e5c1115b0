import js from '@eslint/js';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import opshub from './scripts/lint/workspace-boundaries.js';

// What the lint enforces and why: docs/testing.md ("Lint").

/**
 * Where `@opshub/db` (the Prisma client, its types and error codes) may be imported: repositories, composition
 * roots, seeds, scripts and tests. Services receive repositories; they never see Prisma.
 */
const dbAllowed = [
  '**/*.repository.ts',
  // a repository's SQL in a file of its own (ous-page.query.ts)
  '**/*.query.ts',
  // composition roots: each process's main, start and services wiring, the CLI's context
  '**/src/{main,start,services}.ts',
  'workers/src/runtime/start-workers.ts',
  'subgraphs/ops/src/cli/cli.context.ts',
  // seeds
  '**/*.seed.ts',
  'subgraphs/workflow/src/demo/workflow-seed.ts',
  'prisma/**',
  // scripts, tests, e2e and benchmarks drive the database directly
  'scripts/**',
  '**/test/**',
  '**/*.spec.ts',
  'e2e/**',
  'bench/**',
  'docker/test/**',
];

/**
 * Today's exceptions to `dbAllowed`, each a debt (review 2026-12 §4 "Layering", refactors 2 and 5): services that
 * use Prisma types or error codes instead of a typed repository result, and the workers' processors that receive
 * the `Db` type. Remove a line when its file is fixed.
 */
const dbExceptions = [
  'workers/src/runtime/processor-registry.ts',
  'workers/src/processors/retention.processor.ts',
];

// vitest is the root's test runner: every workspace's specs import it without declaring it.
const boundaries = { domains: 'subgraphs', clientOnly: { web: ['@opshub/client'] }, undeclared: ['vitest'] };

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/db/src/generated/**',
      'web/src/gql/**',
      'packages/client/src/gql/**',
      'bench/results/**',
      '.opshub/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'No focused tests.',
        },
      ],
    },
  },
  {
    // The browser's code, and the e2e tests that drive Chromium (page.evaluate runs in the page).
    files: ['web/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },

  // Boundaries (review 2026-12 §4): workspaces meet through their package.json exports, domains never import
  // each other, the web imports only @opshub/client.
  {
    plugins: { opshub },
    rules: {
      'opshub/workspace-boundaries': ['error', boundaries],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@opshub/db',
              message:
                'Only repositories, composition roots, seeds, scripts and tests import @opshub/db: give the service a typed repository method (eslint.config.js dbAllowed).',
            },
          ],
        },
      ],
    },
  },
  { files: [...dbAllowed, ...dbExceptions], rules: { 'no-restricted-imports': 'off' } },
  {
    // The gateway's cost tests measure every document the web and the client send: their codegen output.
    files: ['gateway/src/query-cost.spec.ts', 'gateway/test/gateway-hardening.test.ts'],
    rules: {
      'opshub/workspace-boundaries': [
        'error',
        { ...boundaries, allowRelativeInto: ['web/src/gql', 'packages/client/src/gql'] },
      ],
    },
  },

  // Type-aware rules, from the three TypeScript programs (root, e2e, web), each built once per run: the project
  // service took three times the CPU here and ran out of the default 4 GB heap. A promise is awaited, returned or
  // explicitly voided, never handed to a callback that ignores it; only thenables are awaited (Promise.all may mix
  // in `void | Promise<void>`, as graphql-ws's dispose returns); a switch over a union names every member or says
  // `default:` on purpose.
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './e2e/tsconfig.json', './web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': ['error', { allowMixedPromiseArrays: true }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },

  // Import cycles, resolved as TypeScript does under NodeNext ('./x.js' is ./x.ts).
  {
    files: ['**/*.{ts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({
          extensionAlias: { '.js': ['.ts', '.js'] },
          conditionNames: ['types', 'import', 'node'],
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
