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

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (a previous `endCursor`, or any `edges.cursor`); leave out for the first page.',
  })
  after?: string | null;
}

// Every subgraph defines the same PageInfo, so Federation must be told it may.
@Directive('@shareable')
@ObjectType({
  description:
    'Where a page sits in the whole list. Lists page forwards from a cursor (keyset paging): a page starts strictly after the item its `after` cursor names, so items added meanwhile never shift or repeat what you see.',
})
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page: true means fetching with `after: endCursor` returns at least one item.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      'Whether the list holds items before this page: false on a first page (no `after`); with `after`, true when at least one item (under the same filters) sorts at or before that cursor, checked when the page is read. To go back, keep the cursors of the pages you have shown and fetch again with the earlier one.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of this page's first item; null when the page is empty." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The cursor of this page's last item: pass it as `after` to fetch the next page. Null when the page is empty.",
  })
  endCursor!: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** A page whose list can also say how long it is; the count runs only when a client asks for `totalCount`. */
export interface CountedPage<T> extends Page<T> {
  readonly totalCount: Promise<number>;
}

/** Adds a `totalCount` that is counted only when read (graphql-js reads a field only when the operation selects it). */
export function withTotalCount<T>(page: Page<T>, count: () => Promise<number>): CountedPage<T> {
  return Object.defineProperty(page, 'totalCount', { get: count, enumerable: true }) as CountedPage<T>;
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
 * cursors) and the shorter `nodes` are offered, as GitHub's API does. With
 * `counted`, the connection also has `totalCount`, for lists where a COUNT
 * is cheap (an index on the list's parent, or a small table); the resolver
 * that builds the page supplies it with `withTotalCount`.
 */
export function Connection<T extends object>(Node: ClassType<T>, options: { counted?: boolean } = {}) {
  if (options.counted) {
    @ObjectType()
    abstract class CountedConnectionClass extends connectionOf(Node) {
      @Field(() => Int, {
        description:
          'How many items the whole list holds under the same filters, over all pages, counted when this page is read (items may be added before the next page). Costs one COUNT: ask for it on the first page only.',
      })
      totalCount!: number | Promise<number>;
    }
    return CountedConnectionClass;
  }
  return connectionOf(Node);
}

function connectionOf<T extends object>(Node: ClassType<T>) {
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
 * the extra row only tells whether there is a next page. Whether there is a
 * previous one the caller knows (see `KeysetRows` in keyset.ts).
 */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor, hasPreviousPage = false): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    nodes,
    edges,
    pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
