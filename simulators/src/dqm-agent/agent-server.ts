import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerSyncMessages, SyncProtocolError } from './sync-protocol.js';
import type { DqmMachine } from './dqm-machine.js';
import { controlRoomAnswer } from './control-room.js';

/** The cookie fff_web.py checks on `/cr/exe` (`web.secret_name`). */
export const SECRET_COOKIE = 'selenium-secret-secret';

export interface DqmAgentServerOptions {
  machine: DqmMachine;
  /** Every machine of the agent's cluster, for the cluster-wide verbs. */
  cluster: DqmMachine[];
  secret: string;
  host?: string;
  /** 0: a free port (see `url`). */
  port?: number;
}

export interface DqmAgentServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * One machine's fff_dqmtools web agent: `POST /sync_proxy` (the sync protocol over HTTP) and
 * `GET /cr/exe?what=…` (the control room, only with the secret cookie). Unlike the real agent, the
 * cookie is checked on every `/cr/exe` call, not only behind cmsweb.
 */
export async function startDqmAgentServer(options: DqmAgentServerOptions): Promise<DqmAgentServer> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((err: unknown) => reply(res, 500, 'text/plain', String(err)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${options.host ?? '127.0.0.1'}:${port}`, port, close: () => closeServer(server) };
}

async function handle(
  options: DqmAgentServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://agent');
  if (url.pathname === '/sync_proxy' && req.method === 'POST') {
    const body = await readBody(req);
    try {
      const data = JSON.parse(body) as { messages?: unknown };
      const messages = Array.isArray(data.messages) ? data.messages.map(String) : [];
      const output = answerSyncMessages(options.machine.store, messages);
      return reply(res, 200, 'application/json', JSON.stringify({ messages: output }));
    } catch (err) {
      if (err instanceof SyncProtocolError || err instanceof SyntaxError)
        return reply(res, 400, 'text/plain', err.message);
      throw err;
    }
  }
  if (url.pathname === '/cr/exe' && req.method === 'GET') {
    if (cookie(req, SECRET_COOKIE) !== options.secret) return reply(res, 401, 'text/plain', 'access denied');
    const answer = controlRoomAnswer(options.machine, options.cluster, url.searchParams, Date.now() / 1000);
    return reply(res, answer.status, 'text/plain', answer.body);
  }
  reply(res, 404, 'text/plain', 'not found');
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
