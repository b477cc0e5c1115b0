import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The server workspaces (the web is its own project, below).
const workspaces = '{packages,subgraphs,gateway,workers,simulators,cli,bench,docker,scripts}';

// Four tiers, one run: `npm test` runs every project; `npm run test:unit` runs `unit` and `web` alone
// (no Postgres, Redis or MQTT; seconds). docs/testing.md.
export default defineConfig({
  resolve: {
    // One copy of graphql for every workspace ("Cannot use GraphQLSchema from another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    exclude: ['**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    projects: [
      // Pure logic beside the code.
      { extends: true, test: { name: 'unit', include: [`${workspaces}/**/*.spec.ts`] } },
      // The web's specs, with the web's own Vite config (Svelte plugin).
      'web/vite.config.ts',
      // A workspace against real Postgres, Redis and MQTT.
      { extends: true, test: { name: 'integration', include: [`${workspaces}/**/*.test.ts`] } },
      // The whole hub; builds the web app once before any browser test.
      {
        extends: true,
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], globalSetup: ['e2e/global-setup.ts'] },
      },
    ],
  },
});
