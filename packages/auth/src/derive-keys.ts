// Prints each subgraph's own internal-signature key, for giving every container only its own:
//   printf %s "$OPSHUB_SECRET" | node --import @swc-node/register/esm-register packages/auth/src/derive-keys.ts ops workflow
// prints `OPS=ohk1.ops.…` lines. The secret is read from stdin, never from argv (visible in `ps`).
import { deriveInternalKey } from './internal-token.js';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: derive-keys.ts <subgraph>… (OPSHUB_SECRET on stdin)\n');
  process.exit(2);
}
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const secret = Buffer.concat(chunks).toString('utf8').trim();
if (secret.length < 32) {
  process.stderr.write('OPSHUB_SECRET on stdin must be at least 32 characters\n');
  process.exit(2);
}
for (const name of names) process.stdout.write(`${name.toUpperCase()}=${deriveInternalKey(secret, name)}\n`);
