import { BadUserInputError } from '@opshub/errors';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–500 (default 50).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: the endCursor of the previous page.' })
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `NodeClass`, named `<name>Connection` with `<name>Edge`. */
export function Connection<T extends object>(
  NodeClass: ClassType<T>,
  name: string,
): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => NodeClass)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filter, all pages together.' })
    totalCount: number;
  }
  return ConnectionType;
}

/** Cursors are the sort key of the row, so a page stays stable while rows are inserted. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the coded error
  }
  throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
    argument: 'after',
  });
}

/** Validates page arguments; returns the page size. */
export function pageArgs(
  args: PageArgs,
  max = 500,
  fallback = 50,
): { first: number; after?: (string | number)[] } {
  const first = args.first ?? fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadUserInputError(`first must be between 1 and ${max}`, { argument: 'first' });
  }
  return { first, ...(args.after ? { after: decodeCursor(args.after) } : {}) };
}

/** Builds a connection from `first + 1` fetched rows. */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  totalCount: number,
  toNode: (row: R) => T,
  keyOf: (row: R) => readonly (string | number)[],
): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
