/**
 * A cheaper last step for `@apollo/gateway`'s executor: shaping the merged
 * subgraph data into the client's answer (`computeResponse`), and the
 * operation it walks (`operationFromDocument`, rebuilt from the document on
 * every request). The gateway offers no seam for either, so both are
 * replaced on the modules it calls them through, once per process, by
 * `installResultShaping()`:
 *
 *  - the operation is built once per parsed document (Apollo Server keeps
 *    parsed documents, so the same query text gives the same AST node) and
 *    reused; it is only read after it is built;
 *  - shaping walks a plan compiled once per selection set (response names,
 *    @skip/@include conditions, field types unwrapped, type conditions with
 *    their answers remembered) instead of asking the schema at every value,
 *    and returns its flags without allocating a result object per value.
 *
 * The output is the gateway's own, value for value and error for error:
 * test/result-shaping.e2e.ts runs the graph's queries through both and
 * compares them. A version of the gateway whose modules no longer look as
 * expected is left as it is (logged), never half-patched.
 */
import * as internals from '@apollo/federation-internals';
import type { Logger } from 'pino';

type Schema = internals.Schema;
type SelectionSet = internals.SelectionSet;
type Operation = internals.Operation;
type NamedType = internals.NamedType;
type CompositeType = internals.CompositeType;
type FieldSelection = internals.FieldSelection;
type Type = internals.Type;
type Path = (string | number)[];

interface Parameters {
  schema: Schema;
  variables: Record<string, unknown>;
  errors: Error[];
  introspectionHandling: (selection: FieldSelection) => unknown;
}

/** A @skip or @include on a selection: skipped when `variable`'s value (or `constant`) equals `skipWhen`. */
interface Condition {
  variable: string | null;
  constant: boolean;
  skipWhen: boolean;
}

/** A field's type, unwrapped once. */
type Shape =
  | { kind: 'nonNull'; of: Shape; ofType: Type }
  | { kind: 'list'; of: Shape; type: Type }
  | { kind: 'composite'; type: CompositeType }
  | { kind: 'leaf'; type: internals.ScalarType | internals.EnumType };

type Step =
  | {
      kind: 'field';
      selection: FieldSelection;
      conditions: Condition[];
      responseName: string;
      introspection: boolean;
      typename: boolean;
      shape: Shape;
      selectionSet: SelectionSet | undefined;
    }
  | {
      kind: 'fragment';
      conditions: Condition[];
      typeCondition: CompositeType | undefined;
      selectionSet: SelectionSet;
      /** Whether the condition applies, by the object's __typename, or by the parent type's name (after '@') when it has none. */
      applies: Map<string, boolean>;
    };

const NULL_BUBBLE_UP = 1;
const OK = 0;
const TYPENAME = internals.typenameFieldName;

const compiled = new WeakMap<SelectionSet, Step[]>();
const typesBySchema = new WeakMap<Schema, Map<string, NamedType | undefined>>();

function typeNamed(schema: Schema, name: string): NamedType | undefined {
  let types = typesBySchema.get(schema);
  if (!types) typesBySchema.set(schema, (types = new Map()));
  if (!types.has(name)) types.set(name, schema.type(name));
  return types.get(name);
}

function conditionsOf(element: internals.Field | internals.FragmentElement, schema: Schema): Condition[] {
  const conditions: Condition[] = [];
  for (const [directive, skipWhen] of [
    [schema.skipDirective(), true],
    [schema.includeDirective(), false],
  ] as const) {
    const applied = element.appliedDirectivesOf(directive)[0];
    if (!applied) continue;
    const value = applied.arguments().if as unknown;
    conditions.push(
      value instanceof internals.Variable ? { variable: value.name, constant: false, skipWhen } : { variable: null, constant: value as boolean, skipWhen },
    );
  }
  return conditions;
}

function shapeOf(type: Type): Shape {
  if (internals.isNonNullType(type)) return { kind: 'nonNull', of: shapeOf(type.ofType), ofType: type.ofType };
  if (internals.isListType(type)) return { kind: 'list', of: shapeOf(type.ofType), type };
  if (internals.isCompositeType(type)) return { kind: 'composite', type };
  return { kind: 'leaf', type: type as internals.ScalarType | internals.EnumType };
}

function stepsOf(selectionSet: SelectionSet): Step[] {
  let steps = compiled.get(selectionSet);
  if (steps) return steps;
  const schema = selectionSet.parentType.schema();
  steps = selectionSet.selections().map((selection): Step => {
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      return {
        kind: 'field',
        selection,
        conditions: conditionsOf(field, schema),
        responseName: field.responseName(),
        introspection: field.definition.isSchemaIntrospectionField(),
        typename: field.name === TYPENAME,
        shape: shapeOf(field.definition.type!),
        selectionSet: selection.selectionSet,
      };
    }
    return {
      kind: 'fragment',
      conditions: conditionsOf(selection.element, schema),
      typeCondition: selection.element.typeCondition,
      selectionSet: selection.selectionSet,
      applies: new Map(),
    };
  });
  compiled.set(selectionSet, steps);
  return steps;
}

function skipped(conditions: Condition[], variables: Record<string, unknown>): boolean {
  for (const condition of conditions) {
    let value: unknown = condition.constant;
    if (condition.variable !== null) {
      value = variables[condition.variable];
      internals.assert(value !== undefined && typeof value === 'boolean', () => `Unexpected value ${String(value)} for variable $${condition.variable}`);
    }
    if (value === condition.skipWhen) return true;
  }
  return false;
}

function fragmentApplies(step: Extract<Step, { kind: 'fragment' }>, schema: Schema, typename: string | undefined, parentType: CompositeType): boolean {
  if (!step.typeCondition) return true;
  const key = typename ?? `@${parentType.name}`;
  let applies = step.applies.get(key);
  if (applies === undefined) {
    if (typename) {
      const type = typeNamed(schema, typename);
      applies = !!type && internals.isSubtype(step.typeCondition, type);
    } else applies = internals.isSubtype(step.typeCondition, parentType);
    step.applies.set(key, applies);
  }
  return applies;
}

function applySelectionSet(
  input: Record<string, unknown>,
  selectionSet: SelectionSet,
  output: Record<string, unknown>,
  parameters: Parameters,
  path: Path,
  parentType: CompositeType,
): number {
  for (const step of stepsOf(selectionSet)) {
    if (step.conditions.length > 0 && skipped(step.conditions, parameters.variables)) continue;
    if (step.kind === 'field') {
      const { responseName } = step;
      const outputValue = output[responseName];
      if (step.introspection) {
        if (outputValue === undefined) output[responseName] = parameters.introspectionHandling(step.selection);
        continue;
      }
      let inputValue = (Object.prototype.hasOwnProperty.call(input, responseName) ? input[responseName] : undefined) ?? null;
      if (step.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== TYPENAME) inputValue = input[TYPENAME] ?? null;
          const type = inputValue !== null && typeof inputValue === 'string' ? (typeNamed(parameters.schema, inputValue) ?? parentType) : parentType;
          if (!internals.isObjectType(type)) return NULL_BUBBLE_UP;
          output[responseName] = type.name;
        }
        continue;
      }
      path.push(responseName);
      const updated = updateOutputValue(outputValue, step.shape, inputValue, step.selectionSet, path, parameters, parentType);
      output[responseName] = updated;
      path.pop();
      if (invalid) return NULL_BUBBLE_UP;
    } else {
      const typename = input[TYPENAME];
      internals.assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${String(typename)}`);
      if (fragmentApplies(step, parameters.schema, (typename as string | undefined) || undefined, parentType)) {
        if (applySelectionSet(input, step.selectionSet, output, parameters, path, step.typeCondition ?? parentType) === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
      }
    }
  }
  return OK;
}

function describeLast(path: Path, currentType: Type, parentType: CompositeType): string {
  const element = path[path.length - 1];
  return typeof element === 'string' ? `field ${String(parentType)}.${element}` : `array element of type ${String(currentType)} at index ${element}`;
}

/**
 * The flags of the last `updateOutputValue` call, read by its caller at once:
 * the gateway's version returns them in a new object for every value.
 */
let invalid = false;
let hasErrors = false;

function updateOutputValue(
  outputValue: unknown,
  shape: Shape,
  inputValue: unknown,
  selectionSet: SelectionSet | undefined,
  path: Path,
  parameters: Parameters,
  parentType: CompositeType,
): unknown {
  invalid = false;
  hasErrors = false;
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) return outputValue;
  switch (shape.kind) {
    case 'nonNull': {
      const updated = updateOutputValue(outputValue, shape.of, inputValue, selectionSet, path, parameters, parentType);
      if (updated === null) {
        if (!hasErrors) {
          parameters.errors.push(
            internals.ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describeLast(path, shape.ofType, parentType)}.`, {
              path: Array.from(path),
            }),
          );
        }
        invalid = true;
        hasErrors = true;
        return updated;
      }
      invalid = false;
      hasErrors = false;
      return updated;
    }
    case 'list': {
      if (inputValue === null) return null;
      internals.assert(
        Array.isArray(inputValue),
        () => `Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${String(shape.type)}`,
      );
      internals.assert(
        outputValue === undefined || Array.isArray(outputValue),
        () => `Invalid non-list value ${String(outputValue)} returned by subgraph for list type ${String(shape.type)}`,
      );
      const length = inputValue.length;
      const existing = outputValue as unknown[] | undefined;
      internals.assert(
        existing === undefined || existing.length === length,
        () => `[${String(inputValue)}].length (${length}) !== [${String(existing)}].length (${existing?.length})`,
      );
      const updated = new Array<unknown>(length);
      let nullify = false;
      let anyErrors = false;
      for (let index = 0; index < length; index += 1) {
        path.push(index);
        updated[index] = updateOutputValue(existing?.[index], shape.of, inputValue[index], selectionSet, path, parameters, parentType);
        path.pop();
        nullify ||= invalid;
        anyErrors ||= hasErrors;
      }
      invalid = false;
      hasErrors = anyErrors;
      return nullify ? null : updated;
    }
    case 'composite': {
      if (inputValue === null) return null;
      internals.assert(selectionSet, () => `Invalid empty selection set for composite type ${String(shape.type)}`);
      internals.assert(
        typeof inputValue === 'object',
        () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(shape.type)}`,
      );
      internals.assert(
        outputValue === undefined || typeof outputValue === 'object',
        () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(shape.type)}`,
      );
      const input = inputValue as Record<string, unknown>;
      const inputTypename = input[TYPENAME];
      internals.assert(
        inputTypename === undefined || typeof inputTypename === 'string',
        () => `Invalid non-string value ${String(inputTypename)} for __typename at ${path.join(',')}`,
      );
      let objectType: CompositeType = shape.type;
      if (inputTypename) {
        const named = typeNamed(parameters.schema, inputTypename as string);
        if (!named || !internals.isCompositeType(named)) {
          parameters.errors.push(
            internals.ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describeLast(path, shape.type, parentType)}.`, {
              path: Array.from(path),
            }),
          );
          invalid = false;
          hasErrors = true;
          return null;
        }
        objectType = named;
      }
      const object = (outputValue as Record<string, unknown> | undefined) ?? Object.create(null);
      const bubbled = applySelectionSet(input, selectionSet, object, parameters, path, objectType) === NULL_BUBBLE_UP;
      invalid = false;
      hasErrors = bubbled;
      return bubbled ? null : object;
    }
    case 'leaf': {
      if (inputValue === null) return null;
      internals.assert(outputValue === undefined, () => `Excepted output to be undefined but got ${String(shape.type)} for type ${String(shape.type)}`);
      const valid = internals.isValidLeafValue(parameters.schema, inputValue, shape.type);
      if (!valid) {
        parameters.errors.push(
          internals.ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(path, shape.type, parentType)}.`, { path: Array.from(path) }),
        );
      }
      invalid = false;
      hasErrors = !valid;
      return valid ? inputValue : null;
    }
  }
}

export interface ComputeResponseArgs {
  operation: Operation;
  variables: Record<string, unknown> | undefined;
  input: Record<string, unknown> | null | undefined;
  introspectionHandling: (selection: FieldSelection) => unknown;
}

/** The gateway's `computeResponse`, over compiled selection sets. */
export function computeResponse({ operation, variables, input, introspectionHandling }: ComputeResponseArgs): { data: unknown; errors: Error[] } {
  if (!input) return { data: input, errors: [] };
  const schema = operation.schema();
  const parameters: Parameters = {
    schema,
    variables: { __proto__: null, ...operation.collectDefaultedVariableValues(), ...variables } as Record<string, unknown>,
    errors: [],
    introspectionHandling,
  };
  const data = Object.create(null) as Record<string, unknown>;
  const result = applySelectionSet(input, operation.selectionSet, data, parameters, [], schema.schemaDefinition.rootType(operation.rootKind)!);
  return { data: result === NULL_BUBBLE_UP ? null : data, errors: parameters.errors };
}

type OperationFromDocument = typeof internals.operationFromDocument;

/**
 * `operationFromDocument` remembering, per schema and parsed operation, the
 * operation it built, when the executor asks (validate: false, the document's
 * own operation and fragments, unchanged).
 */
export function rememberingOperations(build: OperationFromDocument): OperationFromDocument {
  const bySchema = new WeakMap<Schema, WeakMap<object, { fragments: readonly object[]; operation: Operation }>>();
  return (schema, document, options) => {
    const [first, ...fragments] = document.definitions;
    if (options?.validate !== false || options.operationName !== undefined || first?.kind !== 'OperationDefinition') return build(schema, document, options);
    let byNode = bySchema.get(schema);
    if (!byNode) bySchema.set(schema, (byNode = new WeakMap()));
    const known = byNode.get(first);
    if (known && known.fragments.length === fragments.length && known.fragments.every((fragment, i) => fragment === fragments[i])) return known.operation;
    const operation = build(schema, document, options);
    byNode.set(first, { fragments, operation });
    return operation;
  };
}

let installed: 'yes' | 'no' | null = null;

/**
 * Puts both in place of the gateway's own, once per process. Returns whether
 * they are in place; a gateway whose modules differ from those expected
 * (another version) keeps its own and says so in the log.
 */
export function installResultShaping(log?: Logger): boolean {
  if (installed) return installed === 'yes';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the modules the executor calls through, not their public re-exports
  const shaping = require('@apollo/gateway/dist/resultShaping') as { computeResponse?: unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const operations = require('@apollo/federation-internals/dist/operations') as { operationFromDocument?: unknown };
  if (typeof shaping.computeResponse !== 'function' || typeof operations.operationFromDocument !== 'function' || shaping.computeResponse.length !== 1) {
    log?.warn("@apollo/gateway's result shaping is not where this version expects it: the gateway's own is used");
    installed = 'no';
    return false;
  }
  original = shaping.computeResponse as typeof computeResponse;
  shaping.computeResponse = computeResponse;
  operations.operationFromDocument = rememberingOperations(operations.operationFromDocument as OperationFromDocument);
  installed = 'yes';
  return true;
}

let original: typeof computeResponse | null = null;

/** The gateway's own `computeResponse`, once installResultShaping has replaced it: what the tests compare against. */
export function gatewaysComputeResponse(): typeof computeResponse | null {
  return original;
}
