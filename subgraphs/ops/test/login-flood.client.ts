// The attackers of login-flood.test.ts, in a process of their own: `clients` loops posting wrong
// logins to ops for `ms`, each request signed as the gateway would sign an anonymous caller's.
// Prints `go` when it starts, then {sent, codes} as one JSON line when done.
import { INTERNAL_HEADER, signInternal } from '@opshub/auth';

const [url, secret, clients, ms, address] = process.argv.slice(2) as [string, string, string, string, string];
process.stdout.write('go\n');
const until = Date.now() + Number(ms);
const codes: Record<string, number> = {};
let sent = 0;

async function loop(): Promise<void> {
  while (Date.now() < until) {
    const i = sent++;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_HEADER]: signInternal(secret, 'ops', {
            requestId: `attack-${i}`,
            clientAddress: address,
          }),
        },
        body: JSON.stringify({
          query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
          variables: { u: i % 2 ? 'alice' : `guess${i}`, p: `wrong password ${i}` },
        }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      const code = body.errors?.[0]?.extensions?.code ?? String(response.status);
      codes[code] = (codes[code] ?? 0) + 1;
    } catch {
      codes['error'] = (codes['error'] ?? 0) + 1;
    }
  }
}

await Promise.all(Array.from({ length: Number(clients) }, () => loop()));
process.stdout.write(`${JSON.stringify({ sent, codes })}\n`);
