import { type ClassType, ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, 1 to ${MAX_PAGE_SIZE}.`,
  })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (a previous `endCursor`).' })
  after?: string | null;
}

// Every subgraph defines the same PageInfo, so Federation must be told it may.
@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to fetch the next page.' })
  endCursor!: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

const edges = new Map<Function, ClassType>();

/** One edge type per node type, however many connections share it. */
function edgeOf<T extends object>(Node: ClassType<T>): ClassType<{ cursor: string; node: T }> {
  if (!edges.has(Node)) {
    @ObjectType(`${Node.name}Edge`, { description: `One ${Node.name} in a page, with its cursor.` })
    class Edge {
      @Field(() => String, {
        description:
          'An opaque position in this list: pass it as `after` to continue after this item. Valid only for the list (and its filters) that returned it.',
      })
      cursor!: string;

      @Field(() => Node, { description: 'The item at this position.' })
      node!: T;
    }
    edges.set(Node, Edge);
  }
  return edges.get(Node) as ClassType<{ cursor: string; node: T }>;
}

/**
 * A Relay-style connection type for `Node`. Both `edges` (with per-item
 * cursors) and the shorter `nodes` are offered, as GitHub's API does.
 */
export function Connection<T extends object>(Node: ClassType<T>) {
  const Edge = edgeOf(Node);

  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [Edge], {
      description: 'The items of this page with a cursor each, for resuming after any one of them; use `nodes` when you only need `pageInfo.endCursor`.',
    })
    edges!: { cursor: string; node: T }[];

    @Field(() => [Node], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursor to fetch them with.' })
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

/** A keyset position: the sort value of the last item seen and its id. */
export interface Cursor {
  key: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('`after` is not a cursor this list returned.', 'after');
}

/** Validates page arguments once, before any SQL runs. */
export function pageWindow(args: PageArgs): { limit: number; after: Cursor | null } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return { limit: first, after: args.after ? decodeCursor(args.after) : null };
}

/**
 * Turns the rows of a query that asked for `limit + 1` rows into a page:
 * the extra row only tells whether there is a next page.
 */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    nodes,
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
