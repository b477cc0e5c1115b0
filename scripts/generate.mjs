// Regenerates every generated file: Prisma client, subgraph SDL, supergraph + API schema, codegen output,
// the gateway's warmed operations.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Prisma 6.19 writes the generator's config keys in a different order from run to run; sort them
 * so that the committed client only changes when the schema does (`npm run check` compares it).
 */
function stabilisePrismaClient() {
  const file = 'packages/db/src/generated/internal/class.ts';
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(
    /("config": \{\n)((?:\s+"[^"\n]+": [^\n]+\n)+)(\s+\})/,
    (_m, open, body, close) => {
      const lines = body
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/,$/, ''));
      lines.sort((a, b) => a.trim().localeCompare(b.trim()));
      return `${open}${lines.join(',\n')}\n${close}`;
    },
  );
  // The generator writes absolute paths (output, sourceFilePath) that differ with the checkout's
  // location (CI clones elsewhere); the runtime only reports them. Keep them relative to the repo.
  const root = `${process.cwd().replaceAll('\\', '/')}/`;
  const relative = fixed.replaceAll(`"${root}`, '"');
  if (relative !== text) writeFileSync(file, relative);
}

const steps = [
  ['Prisma client', 'npx', ['prisma', 'generate']],
  ['subgraph SDL', 'node', ['--import', '@swc-node/register/esm-register', 'scripts/emit-sdl.ts']],
  ['supergraph', 'node', ['--import', '@swc-node/register/esm-register', 'gateway/src/compose.ts']],
  ['typed documents', 'npx', ['graphql-codegen', '--config', 'codegen.yml']],
  // The operations whose query plans the gateway makes at start, from the typed documents just written.
  [
    'warmed operations',
    'node',
    ['--import', '@swc-node/register/esm-register', 'gateway/src/warm-operations.ts'],
  ],
];

for (const [what, cmd, args] of steps) {
  if (what === 'supergraph' && !existsSync('gateway/src/compose.ts')) continue;
  if (what === 'typed documents' && !existsSync('codegen.yml')) continue;
  process.stdout.write(`generate: ${what}\n`);
  const env = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/opshub',
  };
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    process.stderr.write(`generate: ${what} failed\n`);
    process.exit(r.status ?? 1);
  }
  if (what === 'Prisma client') stabilisePrismaClient();
}
