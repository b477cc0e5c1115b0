import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql for every workspace ("Cannot use GraphQLSchema from another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: [
      '{packages,subgraphs,gateway,workers,simulators,bench,docker}/**/*.{spec,test}.ts',
      'e2e/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'web/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['reflect-metadata'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
  },
});
