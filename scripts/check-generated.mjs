// Fails when a generated file is stale: regenerates everything, then asks git what changed,
// and checks that the Prisma schema has no change missing from the committed migrations.
import { spawnSync } from 'node:child_process';

const GENERATED = [
  'packages/db/src/generated',
  'subgraphs/*/schema.graphql',
  'gateway/supergraph.graphql',
  'gateway/schema.graphql',
  'gateway/warm-operations.json',
  'web/src/gql',
  'packages/client/src/gql',
];

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', ...opts });

const gen = run('node', ['scripts/generate.mjs'], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(gen.status ?? 1);

const status = run('git', ['status', '--porcelain', '--', ...GENERATED]);
if (status.stdout.trim()) {
  process.stderr.write(
    `Generated files differ from what is committed — run \`npm run generate\` and commit:\n${status.stdout}`,
  );
  process.exit(1);
}

const diff = run(
  'npx',
  [
    'prisma',
    'migrate',
    'diff',
    '--from-migrations',
    'prisma/migrations',
    '--to-schema-datamodel',
    'prisma/schema',
    '--script',
  ],
  {
    env: {
      ...process.env,
      // Only the shadow database is written (created and dropped beside this one): the always-present
      // `postgres` database lets a fresh machine (CI) check without an opshub database.
      DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    },
  },
);
const sql = diff.stdout.replace(/^Loaded Prisma config.*$/m, '').trim();
if (diff.status !== 0 || (sql && sql !== '-- This is an empty migration.')) {
  process.stderr.write(
    `The Prisma schema has changes no migration holds — run \`npm run db:migrate:dev -- --name <name> --create-only\`:\n${sql}\n${diff.stderr}`,
  );
  process.exit(1);
}
process.stdout.write('generated files are up to date\n');
