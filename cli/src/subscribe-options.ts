// `opshub subscribe`'s arguments checked before anything is sent: a usage problem exits 2, a document
// that is not one subscription exits 4 (the codes: subscribe-exit.ts).
import { readFileSync } from 'node:fs';
import { declaresVariable } from '@opshub/client/resume';
import { GraphQLError, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { SubscribeExit } from './subscribe-exit.js';

/** Options as commander hands them over (strings), before checking. */
export interface RawSubscribeOptions {
  variables?: string;
  after?: string;
  url?: string;
  token?: string;
  count?: string;
  timeout?: string;
  retries?: string;
  quiet?: boolean;
}

/** A checked request: what the subscription loop needs. */
export interface SubscribeRequest {
  document: DocumentNode;
  /** The field the stream's events come under (for diagnostics). */
  field: string;
  variables: Record<string, unknown>;
  /** The document declares `$after`: a dropped connection resumes after the last eventId. */
  resumable: boolean;
  url: string;
  token: string | undefined;
  count: number | undefined;
  timeoutMs: number | undefined;
  retries: number;
  quiet: boolean;
}

/** A problem with the arguments: its exit code (USAGE or GRAPHQL) and one line for stderr. */
export class SubscribeArgumentError extends Error {
  override readonly name = 'SubscribeArgumentError';
  constructor(
    readonly exitCode: typeof SubscribeExit.USAGE | typeof SubscribeExit.GRAPHQL,
    message: string,
  ) {
    super(message);
  }
}

const usage = (message: string) => new SubscribeArgumentError(SubscribeExit.USAGE, message);
const invalidDocument = (message: string) => new SubscribeArgumentError(SubscribeExit.GRAPHQL, message);

/** The document's text: the argument itself, `@path` a file's content, `-` standard input. */
export function documentText(argument: string, readFile: (path: string) => string): string {
  if (argument === '-') return readFile('/dev/stdin');
  if (argument.startsWith('@')) {
    try {
      return readFile(argument.slice(1));
    } catch (e) {
      throw usage(`cannot read the document ${argument.slice(1)}: ${(e as Error).message}`);
    }
  }
  return argument;
}

/** Parses the document: exactly one operation, a subscription, with one root field. */
export function subscriptionDocument(text: string): { document: DocumentNode; field: string } {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (e) {
    const where = e instanceof GraphQLError && e.locations?.[0] ? ` (line ${e.locations[0].line})` : '';
    throw invalidDocument(`the document is not GraphQL${where}: ${(e as Error).message}`);
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1)
    throw invalidDocument(`the document must hold one operation, not ${operations.length}`);
  const operation = operations[0]!;
  if (operation.operation !== 'subscription')
    throw invalidDocument(`the document is a ${operation.operation}, not a subscription`);
  const fields = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
  if (operation.selectionSet.selections.length !== 1 || fields.length !== 1)
    throw invalidDocument('a subscription selects exactly one root field');
  const field = fields[0]!;
  return { document, field: (field.alias ?? field.name).value };
}

function wholeNumber(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
    throw usage(`--${name} must be a whole number ≥ ${min}, not '${value}'`);
  return n;
}

function hubUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usage(`--url must be the hub's address (http://host:4000), not '${value}'`);
  }
  // ws(s):// is accepted too; the client derives the socket's scheme from http(s).
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
  if (!scheme) throw usage(`--url must be http(s):// or ws(s)://, not '${value}'`);
  url.protocol = scheme;
  return url.toString();
}

/**
 * Checks everything before connecting. `defaults` are the settings (OPSHUB_URL, OPSHUB_TOKEN); the
 * options win over them.
 */
export function subscribeRequest(
  documentArgument: string,
  options: RawSubscribeOptions,
  defaults: { OPSHUB_URL: string; OPSHUB_TOKEN?: string | undefined },
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): SubscribeRequest {
  let variables: Record<string, unknown> = {};
  if (options.variables !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(options.variables);
    } catch (e) {
      throw usage(`--variables is not JSON: ${(e as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw usage('--variables must be a JSON object, e.g. \'{"deviceId":"julabo"}\'');
    variables = parsed as Record<string, unknown>;
  }
  const count = wholeNumber('count', options.count, 1);
  const timeoutSeconds = wholeNumber('timeout', options.timeout, 1);
  const retries = wholeNumber('retries', options.retries, 0) ?? 5;
  const url = hubUrl(options.url ?? defaults.OPSHUB_URL);
  if (options.after !== undefined && options.after.trim() === '')
    throw usage('--after needs an eventId (one printed by an earlier run)');

  const { document, field } = subscriptionDocument(documentText(documentArgument, readFile));
  const resumable = declaresVariable(document, 'after');
  if (options.after !== undefined) {
    if (!resumable)
      throw usage(
        '--after needs a document that declares $after and passes it on: subscription ($after: String) { field(after: $after) { eventId … } }',
      );
    variables = { ...variables, after: options.after };
  }
  const token = options.token ?? defaults.OPSHUB_TOKEN;
  return {
    document,
    field,
    variables,
    resumable,
    url,
    token: token === '' ? undefined : token,
    count,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    retries,
    quiet: options.quiet ?? false,
  };
}
