// The comparison gateway for `npm run bench -- gateway`, a process of its own: Hive Gateway
// (@graphql-hive/gateway, bench-only) with its defaults, over the committed supergraph with each
// subgraph's URL replaced by where the bench started it, signing every subgraph fetch with the
// internal header the subgraphs require (for the bench's one user: Hive knows nothing of opshub's
// tokens, so it authenticates no one; opshub's gateway does, from its ≈10 s cache).
// BENCH_HIVE (env): JSON HiveSettings.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { INTERNAL_HEADER, signInternal, type Principal } from '@opshub/auth';

export interface HiveSettings {
  port: number;
  secret: string;
  supergraphFile: string;
  urls: Record<string, string>;
  user: Principal;
}

const settings = JSON.parse(process.env['BENCH_HIVE'] ?? '{}') as HiveSettings;
const subgraphOf = new Map(Object.entries(settings.urls).map(([name, url]) => [url, name]));

/** The signed header, fresh per fetch (one-shot `jti`), made for the subgraph the fetch goes to. */
const signing: GatewayPlugin = {
  onFetch({ url, options, setOptions }) {
    const subgraph = subgraphOf.get(url);
    if (!subgraph) return;
    const signature = signInternal(settings.secret, subgraph, {
      requestId: randomUUID(),
      user: settings.user,
    });
    setOptions({ ...options, headers: { ...options.headers, [INTERNAL_HEADER]: signature } });
  },
};

const runtime = createGatewayRuntime({
  supergraph: settings.supergraphFile,
  logging: 'error',
  plugins: () => [signing],
});
// The runtime is a Node request listener (its promise settles once it has answered).
// eslint-disable-next-line @typescript-eslint/no-misused-promises
const server = createServer(runtime);
server.listen(settings.port, '127.0.0.1');

const stop = (): void => {
  server.closeAllConnections();
  server.close(() => {
    void Promise.resolve(runtime.dispose()).finally(() => process.exit(0));
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
