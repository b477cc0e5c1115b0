/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  // The gateway serves the built app itself; in dev, Vite serves the app and forwards the API to it.
  const gateway = loadEnv(mode, '.', 'OPSHUB_').OPSHUB_GATEWAY_URL ?? 'http://localhost:4000';
  return {
    base: '/',
    plugins: [svelte()],
    server: {
      port: 5173,
      proxy: {
        '/graphql': { target: gateway, ws: true, changeOrigin: true },
        '/readyz': { target: gateway, changeOrigin: true },
        '/healthz': { target: gateway, changeOrigin: true },
      },
    },
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
    // The explorer's Monaco workers (graphiql/setup-workers/vite) are ES modules that import chunks.
    worker: { format: 'es' },
    test: { name: 'web', include: ['src/**/*.spec.ts'], environment: 'node' },
  };
});
