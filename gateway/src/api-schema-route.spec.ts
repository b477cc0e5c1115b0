import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '@opshub/config';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { apiSchemaRoute, API_SCHEMA_PATH } from './api-schema-route.js';
import type { AuthResult, Authenticator } from './auth.js';

const SUPERGRAPH = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const USER: AuthResult = {
  kind: 'user',
  user: { id: 'u1', username: 'ada', roles: ['VIEWER'] },
  tokenHash: 'h',
};

/** Signs in whoever sends `Bearer good` (the route only reads the outcome). */
const authenticator: Authenticator = {
  fromHeader: (header) => Promise.resolve(header === 'Bearer good' ? USER : { kind: 'anonymous' }),
  forgetUser: () => undefined,
  forgetToken: () => undefined,
};

const servers: { close: () => void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** The route on a real HTTP server (port 0); `logged` collects the log lines it writes. */
async function serve(supergraphSdl: string): Promise<{ url: string; logged: string[] }> {
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  });
  const app = express();
  app.use((_req, res, next) => {
    res.locals['requestId'] = 'rid-1';
    next();
  });
  apiSchemaRoute({ supergraphSdl, authenticator, log: createLogger('test', 'info', sink) })(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${API_SCHEMA_PATH}`, logged };
}

describe('GET /api/schema.graphql', () => {
  it("answers a signed-in user with the API schema's SDL, and 401 to anyone else", async () => {
    const { url } = await serve(SUPERGRAPH);
    const reply = await fetch(url, { headers: { authorization: 'Bearer good' } });
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('type Query');
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('answers 500 with the request id, and logs it, when building the schema fails after sign-in', async () => {
    const { url, logged } = await serve('this is not a supergraph');
    const reply = await fetch(url, { headers: { authorization: 'Bearer good' } });
    expect(reply.status).toBe(500);
    expect(await reply.json()).toMatchObject({
      errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'rid-1' } }],
    });
    expect(logged.join('')).toContain('answering a schema request failed');
  });
});
