import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  validate,
  visit,
} from 'graphql';

/** One operation of a manifest in Apollo's persisted-query manifest format. */
export interface ManifestOperation {
  /** What the client sends as `extensions.persistedQuery.sha256Hash`: the SHA-256 of `body` when built here. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

/** `apollo-persisted-query-manifest` version 1, as GraphOS and `@apollo/generate-persisted-query-manifest` write it. */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
  /** Ours, optional: the partner's own rate-limit budget, in units a minute (README, "Limits"); RATE_LIMIT_CLIENTS overrides it. */
  rateLimitPerMinute?: number;
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

/** Reads and checks a manifest, naming the file and the entry at fault. */
export function parseManifest(text: string, source: string): PersistedQueryManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ManifestError(`${source} is not JSON.`);
  }
  const manifest = json as Partial<PersistedQueryManifest>;
  if (manifest?.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new ManifestError(`${source} is not an apollo-persisted-query-manifest, version 1 (format, version, operations).`);
  }
  const budget = manifest.rateLimitPerMinute;
  if (budget !== undefined && !(Number.isInteger(budget) && budget >= 0)) {
    throw new ManifestError(`${source}: rateLimitPerMinute must be a whole number of units a minute (0: no limit).`);
  }
  const ids = new Set<string>();
  manifest.operations.forEach((operation, index) => {
    const where = `${source}, operations[${index}]`;
    if (typeof operation?.id !== 'string' || operation.id.length === 0) throw new ManifestError(`${where} has no id.`);
    if (ids.has(operation.id)) throw new ManifestError(`${where}: id ${operation.id} appears twice.`);
    ids.add(operation.id);
    if (typeof operation.name !== 'string' || typeof operation.body !== 'string' || !OPERATION_TYPES.has(operation.type)) {
      throw new ManifestError(`${where} needs a name, a body and a type (query, mutation or subscription).`);
    }
    try {
      parse(operation.body);
    } catch (error) {
      throw new ManifestError(`${where} (${operation.name}) does not parse: ${(error as Error).message}`);
    }
  });
  return manifest as PersistedQueryManifest;
}

/**
 * Checks every operation of a manifest against the schema clients see, so a
 * manifest that no longer fits the graph is refused naming the file and the
 * operation, not found out by a partner's failing call or a planner's stack.
 */
export function checkManifestAgainst(schema: GraphQLSchema, manifest: PersistedQueryManifest, source: string): void {
  for (const operation of manifest.operations) {
    const errors = validate(schema, parse(operation.body));
    if (errors.length > 0) {
      throw new ManifestError(`${source}: operation ${operation.name} is not valid against the supergraph: ${errors.map((error) => error.message).join(' ')}`);
    }
  }
}

/** The operations a partner may run, by id. */
export type Safelist = ReadonlyMap<string, ManifestOperation>;

/**
 * Loads one safelist per partner from `<dir>/<client id>.json`; the client id
 * is the `sub` of the partner's token. A missing folder means no partner may
 * run anything.
 */
export function loadSafelists(dir: string | null): Map<string, Safelist> {
  const safelists = new Map<string, Safelist>();
  if (!dir || !existsSync(dir)) return safelists;
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const manifest = parseManifest(readFileSync(path.join(dir, file), 'utf8'), path.join(dir, file));
    safelists.set(path.basename(file, '.json'), new Map(manifest.operations.map((operation) => [operation.id, operation])));
  }
  return safelists;
}

function fragmentsUsedBy(definition: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>, used = new Set<string>()): Set<string> {
  visit(definition, {
    FragmentSpread(node) {
      const name = node.name.value;
      if (used.has(name)) return;
      used.add(name);
      const fragment = fragments.get(name);
      if (fragment) fragmentsUsedBy(fragment, fragments, used);
    },
  });
  return used;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Adds `__typename` to every selection set but an operation's root, as
 * Apollo Client does to each query before it sends it (its cache needs every
 * object's type) and so as `@apollo/generate-persisted-query-manifest`
 * writes manifest bodies: appended last, and not where the set already
 * selects `__typename` or any `__` field (introspection), nor under a field
 * marked `@export`. Without it the gateway would run a body whose answers
 * lack the types the partner's client cache looks for.
 */
export function addTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      enter(node, _key, parent) {
        if ((parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION) return undefined;
        if (node.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'))) return undefined;
        const field = parent as FieldNode | undefined;
        if (field?.kind === Kind.FIELD && field.directives?.some((directive) => directive.name.value === 'export')) return undefined;
        return { ...node, selections: [...node.selections, TYPENAME] };
      },
    },
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface OperationSource {
  file: string;
  text: string;
}

/**
 * Builds a manifest from `.graphql` files: one entry per named operation, its
 * body the operation and the fragments it uses (from any of the files, sorted
 * by name), with `__typename` added as Apollo Client adds it, printed
 * canonically; its id the SHA-256 of that body. That is, byte for byte, what
 * `@apollo/generate-persisted-query-manifest` writes for the same operations,
 * so an Apollo client's persisted-query link sends exactly that id. Every
 * operation is validated against the graph's API schema first.
 */
export function buildManifest(sources: OperationSource[], schema: GraphQLSchema): PersistedQueryManifest {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: { operation: OperationDefinitionNode; file: string }[] = [];
  for (const { file, text } of sources) {
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      throw new ManifestError(`${file} does not parse: ${(error as Error).message}`);
    }
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) throw new ManifestError(`${file}: fragment ${definition.name.value} is defined twice.`);
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new ManifestError(`${file}: every operation needs a name, which is how it is logged and listed.`);
        operations.push({ operation: definition, file });
      }
    }
  }
  const names = new Set<string>();
  const entries = operations.map(({ operation, file }) => {
    const name = operation.name!.value;
    if (names.has(name)) throw new ManifestError(`${file}: operation ${name} is defined twice.`);
    names.add(name);
    const used = [...fragmentsUsedBy(operation, fragments)].sort();
    const missing = used.filter((fragment) => !fragments.has(fragment));
    if (missing.length > 0) throw new ManifestError(`${file}: ${name} uses undefined fragment(s) ${missing.join(', ')}.`);
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...used.map((fragment) => fragments.get(fragment)!)] };
    const errors = validate(schema, document);
    if (errors.length > 0) throw new ManifestError(`${file}: ${name} is not valid against the graph: ${errors.map((e) => e.message).join(' ')}`);
    const body = print(addTypename(document));
    return { id: sha256(body), name, type: operation.operation, body } satisfies ManifestOperation;
  });
  // By name, in code-unit order, as Apollo's generator lists them.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: entries };
}
