import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { apiSchemaOf } from './supergraph';

/** How long an answer made only of public fields may be kept: the least `maxAge` among them, in seconds. */
export interface PublicPolicy {
  maxAgeSeconds: number;
}

/** An `_entities` fetch whose every selected field is public: cached per representation for `maxAgeSeconds`. */
export interface EntityFetchPolicy extends PublicPolicy {
  /** The types the fetch asks for; a representation of any other type is never cached. */
  typenames: ReadonlySet<string>;
}

const intValue = (value: ValueNode | undefined) => (value?.kind === Kind.INT ? Number(value.value) : undefined);

/** Every field the subgraphs mark `@cacheControl(scope: PUBLIC, maxAge: n)`, as `Type.field` → n, read from the supergraph's own text. */
function publicFieldsOf(document: DocumentNode): Map<string, number> {
  const fields = new Map<string, number>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        if (directive.name.value !== 'cacheControl') continue;
        const argument = (name: string) => directive.arguments?.find((arg) => arg.name.value === name)?.value;
        const scope = argument('scope');
        const maxAge = intValue(argument('maxAge'));
        // Only an explicit PUBLIC with a maxAge counts: anything else is the viewer's own.
        if (scope?.kind === Kind.ENUM && scope.value === 'PUBLIC' && maxAge !== undefined && maxAge > 0) {
          const key = `${definition.name.value}.${field.name.value}`;
          fields.set(key, Math.min(maxAge, fields.get(key) ?? maxAge));
        }
      }
    }
  }
  return fields;
}

/**
 * Which data is public, as the subgraphs declare it (`@cacheControl(scope:
 * PUBLIC)` on fields, composed into the supergraph). A selection is public
 * only when every field in it, at every depth, is marked so: one field that
 * is not (a staff-only list, a viewer's own record) makes the whole
 * selection the viewer's, and nothing of it is shared. Built once per
 * supergraph; the policy of each distinct operation text is remembered.
 */
export class CachePolicy {
  private readonly publicFields: Map<string, number>;
  private readonly schema: GraphQLSchema;
  private readonly entityFetches = new LRUCache<string, EntityFetchPolicy | false>({ max: 2_000 });
  /** Apollo keeps one parsed document per distinct query text, so an answer's policy is worked out once per document. */
  private readonly answers = new WeakMap<DocumentNode, Map<string, PublicPolicy | null>>();

  constructor(supergraphSdl: string) {
    this.publicFields = publicFieldsOf(parse(supergraphSdl));
    this.schema = apiSchemaOf(supergraphSdl);
  }

  /** How many fields are marked public: 0 means nothing is ever cached. */
  get size(): number {
    return this.publicFields.size;
  }

  /**
   * The policy of a subgraph fetch the gateway is about to send, from its
   * query text: an `_entities` fetch of public fields only, or null.
   */
  entityFetch(query: string): EntityFetchPolicy | null {
    let policy = this.entityFetches.get(query);
    if (policy === undefined) {
      policy = this.entityFetchOf(query) ?? false;
      this.entityFetches.set(query, policy);
    }
    return policy || null;
  }

  /** The policy of a client's query (already validated against the API schema), or null when any field in it is not public. */
  answer(document: DocumentNode, operationName: string | null | undefined): PublicPolicy | null {
    let known = this.answers.get(document);
    if (!known) this.answers.set(document, (known = new Map()));
    const name = operationName ?? '';
    if (!known.has(name)) known.set(name, this.answerOf(document, operationName));
    return known.get(name)!;
  }

  private answerOf(document: DocumentNode, operationName: string | null | undefined): PublicPolicy | null {
    const fragments = new Map<string, FragmentDefinitionNode>();
    let operation: OperationDefinitionNode | undefined;
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operation ??= definition;
    }
    if (!operation || operation.operation !== 'query') return null;
    const maxAge = this.selectionMaxAge(this.schema.getQueryType()!, operation.selectionSet, fragments);
    return maxAge === null || maxAge === Infinity ? null : { maxAgeSeconds: maxAge };
  }

  private entityFetchOf(query: string): EntityFetchPolicy | null {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return null;
    }
    const [operation, ...rest] = document.definitions;
    if (rest.length > 0 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return null;
    const [field, ...others] = operation.selectionSet.selections;
    if (others.length > 0 || field?.kind !== Kind.FIELD || field.name.value !== '_entities' || !field.selectionSet) return null;
    const typenames = new Set<string>();
    let maxAge = Infinity;
    for (const selection of field.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.name.value === '__typename') continue;
      if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) return null;
      const type = this.schema.getType(selection.typeCondition.name.value);
      if (!isObjectType(type)) return null;
      const fragmentAge = this.selectionMaxAge(type, selection.selectionSet, new Map());
      if (fragmentAge === null) return null;
      typenames.add(type.name);
      maxAge = Math.min(maxAge, fragmentAge);
    }
    return typenames.size === 0 || maxAge === Infinity ? null : { maxAgeSeconds: maxAge, typenames };
  }

  /** The least maxAge over every field selected under `type`, Infinity for only `__typename`, null when any field is not public. */
  private selectionMaxAge(type: GraphQLCompositeType, selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number | null {
    let maxAge = Infinity;
    for (const selection of selectionSet.selections) {
      let age: number | null;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__typename') continue;
        age = this.fieldMaxAge(type, selection.name.value, selection.selectionSet, fragments);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) return null;
        const conditionName = fragment.typeCondition?.name.value;
        const condition = conditionName ? this.schema.getType(conditionName) : type;
        age = isCompositeType(condition) ? this.selectionMaxAge(condition, fragment.selectionSet, fragments) : null;
      }
      if (age === null) return null;
      maxAge = Math.min(maxAge, age);
    }
    return maxAge;
  }

  private fieldMaxAge(
    type: GraphQLCompositeType,
    name: string,
    selectionSet: SelectionSetNode | undefined,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  ): number | null {
    // Only object types carry marks; a field of an interface or union is looked at through its fragments.
    if (!isObjectType(type)) return null;
    const own = this.publicFields.get(`${type.name}.${name}`);
    const field = type.getFields()[name];
    if (own === undefined || !field) return null;
    if (!selectionSet) return own;
    const inner = getNamedType(field.type);
    if (!isCompositeType(inner)) return null;
    const nested = this.selectionMaxAge(inner, selectionSet, fragments);
    return nested === null ? null : Math.min(own, nested);
  }
}
