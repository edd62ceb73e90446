import { type ClassType, ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from './errors';
import { PublicCache } from './federation';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

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

/**
 * Paging both ways: `first`/`after` forwards, `last`/`before` backwards, as
 * Relay's connection spec and Apollo Client's relayStylePagination expect.
 * Backwards is still keyset paging (the same cursors, read in the other
 * direction), so it costs what forwards does.
 */
@ArgsType()
export class BidirectionalPageArgs extends PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page backwards: how many items to return, 1 to ${MAX_PAGE_SIZE}, ending just before \`before\` (or at the end of the list without it). Replaces \`first\`; not with \`after\`.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Return the items just before this cursor (a previous `startCursor`, or any `edges.cursor`), still in list order: the page before. `last` items, or `first` when `last` is left out. Not with `after`.',
  })
  before?: string | null;
}

/** A validated window: `limit` items after `after`, or, backwards, `limit` items before `before` (null: the list's end). */
export interface PageWindow {
  limit: number;
  after: Cursor | null;
  backward: boolean;
  before: Cursor | null;
}

// Every subgraph defines the same PageInfo, so Federation must be told it may.
@Directive('@shareable')
@ObjectType({
  description:
    'Where a page sits in the whole list. Lists page forwards from a cursor (keyset paging): a page starts strictly after the item its `after` cursor names, so items added meanwhile never shift or repeat what you see.',
})
export class PageInfo {
  @PublicCache(300)
  @Field(() => Boolean, {
    description:
      'Whether more items follow this page: true means fetching with `after: endCursor` returns at least one item. Paging backwards (`before`), true when at least one item sorts at or after that cursor; at the end of the list (`last` without `before`), false.',
  })
  hasNextPage!: boolean;

  @PublicCache(300)
  @Field(() => Boolean, {
    description:
      'Whether the list holds items before this page: false on a first page (no `after`); with `after`, true when at least one item (under the same filters) sorts at or before that cursor, checked when the page is read. Paging backwards, true when more items precede this page (fetch them with `before: startCursor`). Lists without `before` go back by keeping the cursors of the pages shown.',
  })
  hasPreviousPage!: boolean;

  @PublicCache(300)
  @Field(() => String, { nullable: true, description: "The cursor of this page's first item; null when the page is empty." })
  startCursor!: string | null;

  @PublicCache(300)
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
      @PublicCache(300)
      @Field(() => String, {
        description:
          'An opaque position in this list: pass it as `after` to continue after this item. Valid only for the list (and its filters) that returned it.',
      })
      cursor!: string;

      @PublicCache(300)
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
      @PublicCache(300)
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
    @PublicCache(300)
    @Field(() => [Edge], {
      description: 'The items of this page with a cursor each, for resuming after any one of them; use `nodes` when you only need `pageInfo.endCursor`.',
    })
    edges!: { cursor: string; node: T }[];

    @PublicCache(300)
    @Field(() => [Node], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @PublicCache(300)
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

export function decodeCursor(cursor: string, argument: 'after' | 'before' = 'after'): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`\`${argument}\` is not a cursor this list returned.`, argument);
}

function pageSize(value: number, argument: 'first' | 'last'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`\`${argument}\` must be between 1 and ${MAX_PAGE_SIZE}.`, argument);
  }
  return value;
}

/** Validates page arguments once, before any SQL runs. */
export function pageWindow(args: PageArgs | BidirectionalPageArgs): PageWindow {
  const first = pageSize(args.first ?? DEFAULT_PAGE_SIZE, 'first');
  const { last, before } = args as BidirectionalPageArgs;
  const backward = (last !== null && last !== undefined) || Boolean(before);
  if (!backward) return { limit: first, after: args.after ? decodeCursor(args.after) : null, backward: false, before: null };
  if (args.after) throw badUserInput('Page forwards (`first`, `after`) or backwards (`last`, `before`), not both.', last != null ? 'last' : 'before');
  return { limit: last != null ? pageSize(last, 'last') : first, after: null, backward: true, before: before ? decodeCursor(before, 'before') : null };
}

/**
 * Turns the rows of a query that asked for `limit + 1` rows into a page:
 * the extra row only tells whether there is a next page. Whether there is a
 * previous one the caller knows (see `KeysetRows` in keyset.ts).
 */
/** The same page read the other way: for a backward query, whose rows come in reverse list order. */
export function reversedPage<T>(page: Page<T>): Page<T> {
  const { hasNextPage, hasPreviousPage, startCursor, endCursor } = page.pageInfo;
  return {
    nodes: [...page.nodes].reverse(),
    edges: [...page.edges].reverse(),
    pageInfo: { hasNextPage: hasPreviousPage, hasPreviousPage: hasNextPage, startCursor: endCursor, endCursor: startCursor },
  };
}

export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor, hasPreviousPage = false): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    nodes,
    edges,
    pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
