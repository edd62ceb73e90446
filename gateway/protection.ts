import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { ErrorCode } from '../platform/errors';

/** Upper bounds on one operation, checked before the gateway plans it. */
export interface QueryLimits {
  /** Nesting of fields (fragments flattened, so they neither hide depth nor add to it). */
  maxDepth: number;
  /** Aliased fields in one operation, `__typename` included: aliases multiply work without adding depth. */
  maxAliases: number;
  /** Top-level fields of one operation: each is a separate query plan branch. */
  maxRootFields: number;
  /** Lexical tokens of the document, enforced by graphql-js' parser itself. */
  maxTokens: number;
  /** Directives in one operation (`@include`, `@skip`, …). */
  maxDirectives: number;
  /** Estimated objects one operation can return: see `estimateCost`. */
  maxCost: number;
  /** Depth with introspection counted: GraphiQL's own introspection query is 15 deep. */
  maxIntrospectionDepth: number;
  /** The largest page the subgraphs serve (`first`); a larger `first` is refused by them, so the cost estimate counts it as this. */
  maxPageSize: number;
}

/** Which limit refused an operation: `extensions.limit` of a QUERY_LIMIT_EXCEEDED error. */
export type LimitName = 'depth' | 'aliases' | 'rootFields' | 'tokens' | 'directives' | 'cost';

function limitError(limit: LimitName, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit } });
}

/** Counts root fields, following fragments spread at the root. */
function countRootFields(selectionSet: SelectionSetNode, context: ValidationContext, seen = new Set<string>()): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, context, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

/** graphql-armor has no root-field limit; this is one, in the same shape as its rules. */
export function maxRootFieldsRule(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const found = countRootFields(operation.selectionSet, context);
      if (found > max) context.reportError(limitError('rootFields', `Too many root fields: at most ${max} in one operation, found ${found}.`));
    },
  });
}

/**
 * Apollo Server options that bound what one operation can cost. graphql-armor's
 * rules report through the validation context (never by throwing, which Apollo
 * would turn into a 500); the token limit is graphql-js' own `maxTokens`, which
 * stops the parser early and answers 400.
 *
 * Introspection is bounded too (armor skips it by default, which would let a
 * deeply nested `__schema { types { fields { type { fields …` through), but
 * with its own, higher, depth: the standard introspection query is 15 deep,
 * far deeper than any query for data needs to be.
 */
export function queryProtection(limits: QueryLimits, options: { hideSchemaDetails: boolean }) {
  const report = (limit: LimitName) => [
    (context: ValidationContext | null, error: GraphQLError) => {
      context?.reportError(limitError(limit, error.message.replace(/^Syntax Error: /, '')));
    },
  ];
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, propagateOnRejection: false, onReject: report('depth') },
    maxAliases: { n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject: report('aliases') },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: report('directives') },
    // armor's cost multiplies by `first` only when it is a literal, so `first: $n` would slip through; costPlugin sees variables.
    costLimit: { enabled: false },
    // graphql-js enforces tokens in the parser (below); armor's version throws from a hook and answers 500.
    maxTokens: { enabled: false },
    // "Did you mean …?" would map the schema for someone with introspection switched off.
    blockFieldSuggestion: { enabled: options.hideSchemaDetails },
  });
  const withIntrospection = new ApolloArmor({
    maxDepth: { n: limits.maxIntrospectionDepth, flattenFragments: true, ignoreIntrospection: false, propagateOnRejection: false, onReject: report('depth') },
    costLimit: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    plugins: [...(plugins as ApolloServerPlugin[]), costPlugin(limits.maxCost, limits.maxPageSize)],
    validationRules: [...validationRules, ...withIntrospection.protect().validationRules, maxRootFieldsRule(limits.maxRootFields)],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** The page size a list field will serve: its `first` argument (literal, variable or schema default), capped at the largest page resolvers serve (more is BAD_USER_INPUT). */
function pageSize(
  field: GraphQLField<unknown, unknown>,
  args: readonly { name: { value: string }; value: ValueNode }[],
  variables: Record<string, unknown>,
  maxPageSize: number,
): number {
  const first = field.args.find((arg) => arg.name === 'first');
  if (!first) return 1;
  const given = args.find((arg) => arg.name.value === 'first')?.value;
  let value: unknown = first.defaultValue;
  if (given?.kind === Kind.INT) value = Number(given.value);
  else if (given?.kind === Kind.VARIABLE) value = variables[given.name.value] ?? value;
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(1, value), maxPageSize) : 1;
}

/**
 * How many objects an operation could return, at most: every object field
 * counts once for each parent it can appear under, and a paged field
 * multiplies what is beneath it by its page size (`first`, with variables
 * applied, so `first: $n` counts as much as `first: 1000`). Lists without a
 * page argument are short by design (services, distributions) and count as one.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxPageSize: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const walk = (selectionSet: SelectionSetNode, parentName: string, spreads: Set<string>): number => {
    const parent = schema.getType(parentName);
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const named = getNamedType(field.type);
        if (!isCompositeType(named)) continue;
        // A paged field (a connection) multiplies by its page size; its `nodes` / `edges` list is that page, not another factor.
        const multiplier = pageSize(field, selection.arguments ?? [], variables, maxPageSize);
        cost += multiplier * (1 + walk(selection.selectionSet, named.name, spreads));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(selection.selectionSet, selection.typeCondition?.name.value ?? parentName, spreads);
      } else if (!spreads.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) cost += walk(fragment.selectionSet, fragment.typeCondition.name.value, new Set([...spreads, selection.name.value]));
      }
    }
    return cost;
  };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return root ? walk(operation.selectionSet, root.name, new Set()) : 0;
}

/** Refuses an operation whose estimated cost is over the limit, once its variables are known and before it is planned. */
export function costPlugin(maxCost: number, maxPageSize: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = estimateCost(schema, document, operation, request.variables ?? {}, maxPageSize);
          if (cost > maxCost) {
            throw new GraphQLError(
              `The operation could return about ${Math.round(cost)} objects; the limit is ${maxCost}. Ask for smaller pages or fewer nested lists.`,
              {
                extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'cost', cost: Math.round(cost), maxCost, http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}

// graphql-js words it "more that N tokens" (sic); both spellings are matched in case it is corrected.
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * Apollo files every validation error under GRAPHQL_VALIDATION_FAILED and the
 * parser's token limit under GRAPHQL_PARSE_FAILED; a client that hit a limit
 * gets one stable code, QUERY_LIMIT_EXCEEDED, and which limit in `limit`.
 */
export function limitErrorCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  if (typeof extensions.limit === 'string') return { ...formatted, extensions: { ...extensions, code: ErrorCode.QUERY_LIMIT_EXCEEDED } };
  // Apollo Server's own guard against cyclic introspection (`fields { type { fields …`), ahead of ours.
  if (formatted.message === 'Maximum introspection depth exceeded')
    return { ...formatted, extensions: { ...extensions, code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'depth' } };
  const tokens = TOKEN_LIMIT.exec(formatted.message);
  if (tokens) {
    return {
      message: `The document is too long: at most ${tokens[1]} tokens.`,
      extensions: { ...extensions, code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'tokens' },
    };
  }
  return formatted;
}
