import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ConstDirectiveNode, Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';
import ts from 'typescript';

/**
 * Finding things is a rule: `T.f` owned by subgraph X (`@join__field(graph: X)`
 * in the supergraph, or the type's `@join__type(graph: X)` for fields without
 * one) is resolved in subgraphs/x/resolvers/t.resolver.ts or is a `@Field` of
 * subgraphs/x/entities/t.ts. SQL lives in the subgraph's concept modules, never
 * in resolvers/, and loaders.ts wires DataLoaders to those modules.
 *
 * Exempt: the paging types shared/pagination.ts makes for every list
 * (`*Connection`, `*Edge`, `PageInfo`), and the `edges`, `nodes` and `pageInfo`
 * a class gets by extending `Connection(...)`. Input types and enums have no
 * field resolvers and are outside the rule.
 */

const root = path.join(__dirname, '..');
const subgraphsDir = path.join(root, 'subgraphs');
const supergraph = parse(readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8'));

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const relative = (file: string) => path.relative(root, file);

function argument(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (value?.kind === Kind.ENUM || value?.kind === Kind.STRING) return value.value;
  if (value?.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

function directives(node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode[] {
  return (node.directives ?? []).filter((directive) => directive.name.value === name);
}

/** join__Graph enum value (IDENTITY) → subgraph directory (identity). */
const graphDirs = new Map<string, string>();
for (const definition of supergraph.definitions) {
  if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
  for (const value of definition.values ?? []) graphDirs.set(value.name.value, String(argument(directives(value, 'join__graph')[0], 'name')));
}

const objectTypes = supergraph.definitions.filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION);
const typeNames = new Set(objectTypes.map((type) => type.name.value));

/** The subgraphs whose `@join__type` a type carries. */
function typeOwners(type: ObjectTypeDefinitionNode): string[] {
  return directives(type, 'join__type').map((directive) => graphDirs.get(String(argument(directive, 'graph')))!);
}

/** The subgraphs that resolve a field: its `@join__field` graphs (external ones aside), else the type's. */
function fieldOwners(type: ObjectTypeDefinitionNode, field: string): string[] {
  const node = type.fields!.find((candidate) => candidate.name.value === field)!;
  const joined = directives(node, 'join__field').filter((directive) => argument(directive, 'graph') !== undefined && argument(directive, 'external') !== true);
  return joined.length > 0 ? joined.map((directive) => graphDirs.get(String(argument(directive, 'graph')))!) : typeOwners(type);
}

/** Generated for every list by shared/pagination.ts, not by a subgraph's own classes. */
function isPagingType(name: string): boolean {
  return name === 'PageInfo' || name.endsWith('Connection') || name.endsWith('Edge');
}

const PAGING_FIELDS = ['edges', 'nodes', 'pageInfo'];

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

function decoratorsOf(node: ts.Node): { name: string; call: ts.CallExpression }[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).flatMap((decorator) =>
    ts.isCallExpression(decorator.expression) && ts.isIdentifier(decorator.expression.expression)
      ? [{ name: decorator.expression.expression.text, call: decorator.expression }]
      : [],
  );
}

/** The schema name a decorator gives: its `name: '…'` option, else the member's own name. */
function schemaName(call: ts.CallExpression, memberName: string): string {
  for (const arg of call.arguments) {
    if (!ts.isObjectLiteralExpression(arg)) continue;
    for (const property of arg.properties) {
      if (ts.isPropertyAssignment(property) && property.name.getText() === 'name' && ts.isStringLiteral(property.initializer)) return property.initializer.text;
    }
  }
  return memberName;
}

function classesOf(source: ts.SourceFile): ts.ClassDeclaration[] {
  return source.statements.filter(ts.isClassDeclaration);
}

/** GraphQL fields a file declares: members decorated with one of `decorators`, plus what `extends Connection(…)` brings (`totalCount` when counted). */
function declaredFields(file: string, decorators: string[]): Set<string> {
  const fields = new Set<string>();
  if (!existsSync(file)) return fields;
  for (const declaration of classesOf(sourceOf(file))) {
    const heritage = declaration.heritageClauses?.flatMap((clause) => clause.types.map((type) => type.expression.getText())) ?? [];
    if (heritage.some((base) => base.startsWith('Connection('))) for (const field of PAGING_FIELDS) fields.add(field);
    if (heritage.some((base) => base.startsWith('Connection(') && base.includes('counted: true'))) fields.add('totalCount');
    for (const member of declaration.members) {
      if (!member.name) continue;
      for (const decorator of decoratorsOf(member)) {
        if (decorators.includes(decorator.name)) fields.add(schemaName(decorator.call, member.name.getText()));
      }
    }
  }
  return fields;
}

const SUBGRAPHS = readdirSync(subgraphsDir).filter((name) => existsSync(path.join(subgraphsDir, name, 'index.ts')));

function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name)) : [];
}

/** Every string and template literal of a file, template substitutions left out. */
function literalsOf(file: string): string[] {
  const texts: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) texts.push([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' '));
    ts.forEachChild(node, visit);
  };
  visit(sourceOf(file));
  return texts;
}

const SQL_CALLS = ['db.query', 'manager.query', '.query(', 'createQueryBuilder', 'getRepository', 'ctx.db.'];
const SQL_TEXT = /\b(SELECT|INSERT\s+INTO|UPDATE\s+[\w.]+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS|ORDER\s+BY|GROUP\s+BY|JOIN)\b/;

/** What in a file runs SQL or holds it: calls to a data source and literals that read as SQL. */
function sqlIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...SQL_CALLS.filter((call) => text.includes(call)).map((call) => `${relative(file)} calls ${call}`),
    ...literalsOf(file)
      .filter((literal) => SQL_TEXT.test(literal))
      .map((literal) => `${relative(file)} holds SQL: ${literal.trim().slice(0, 60)}`),
  ];
}

describe('where a field is resolved', () => {
  it('finds every field of every object type in the resolver or entity file of its owning subgraph, named after the type', () => {
    const missing: string[] = [];
    for (const type of objectTypes) {
      const typeName = type.name.value;
      if (isPagingType(typeName)) continue;
      for (const field of type.fields ?? []) {
        for (const owner of fieldOwners(type, field.name.value)) {
          const resolverFile = path.join(subgraphsDir, owner, 'resolvers', `${kebab(typeName)}.resolver.ts`);
          const entityFile = path.join(subgraphsDir, owner, 'entities', `${kebab(typeName)}.ts`);
          const found =
            declaredFields(resolverFile, ['FieldResolver', 'Query', 'Mutation', 'Subscription']).has(field.name.value) ||
            declaredFields(entityFile, ['Field']).has(field.name.value);
          if (!found) missing.push(`${typeName}.${field.name.value} (owned by ${owner}): expected in ${relative(resolverFile)} or ${relative(entityFile)}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('takes the paging types from shared/pagination.ts: each XConnection extends Connection(X) (with options or without), each XEdge is of a type X', () => {
    const pagination = readFileSync(path.join(subgraphsDir, 'shared', 'pagination.ts'), 'utf8');
    expect(pagination).toContain('export class PageInfo');
    expect(pagination).toContain('${Node.name}Edge');
    const problems: string[] = [];
    for (const type of objectTypes.filter((candidate) => isPagingType(candidate.name.value))) {
      const name = type.name.value;
      if (name.endsWith('Edge') && !typeNames.has(name.slice(0, -'Edge'.length))) problems.push(`${name}: no type ${name.slice(0, -'Edge'.length)}`);
      if (!name.endsWith('Connection')) continue;
      const node = name.slice(0, -'Connection'.length);
      for (const owner of typeOwners(type)) {
        const declared = filesUnder(path.join(subgraphsDir, owner, 'entities')).some((file) =>
          new RegExp(`class ${name} extends Connection\\(${node}[,)]`).test(readFileSync(file, 'utf8')),
        );
        if (!declared) problems.push(`${name} (owned by ${owner}): expected \`class ${name} extends Connection(${node})\` in subgraphs/${owner}/entities/`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(SUBGRAPHS)('%s: resolvers/ holds only <type>.resolver.ts files, each resolving the type it is named after', (subgraph) => {
    const problems: string[] = [];
    const typeOf = new Map<string, string>();
    for (const file of filesUnder(path.join(subgraphsDir, subgraph, 'entities'))) {
      for (const declaration of classesOf(sourceOf(file))) {
        const objectType = decoratorsOf(declaration).find((decorator) => decorator.name === 'ObjectType');
        const named = objectType?.call.arguments[0];
        if (objectType && declaration.name) typeOf.set(declaration.name.text, named && ts.isStringLiteral(named) ? named.text : declaration.name.text);
      }
    }
    for (const file of filesUnder(path.join(subgraphsDir, subgraph, 'resolvers'))) {
      const match = /^(.+)\.resolver\.ts$/.exec(path.basename(file));
      const typeName = match && [...typeNames].find((name) => kebab(name) === match[1]);
      if (!typeName) {
        problems.push(`${relative(file)} is not named <type>.resolver.ts after a type of the supergraph`);
        continue;
      }
      const type = objectTypes.find((candidate) => candidate.name.value === typeName)!;
      if (!typeOwners(type).includes(subgraph)) problems.push(`${relative(file)}: ${subgraph} does not contribute to ${typeName}`);
      for (const declaration of classesOf(sourceOf(file))) {
        const resolver = decoratorsOf(declaration).find((decorator) => decorator.name === 'Resolver');
        if (!resolver) continue;
        const target = resolver.call.arguments[0];
        const resolves: string | undefined =
          target && ts.isArrowFunction(target)
            ? typeOf.get(target.body.getText())
            : ['Query', 'Mutation', 'Subscription'].includes(typeName)
              ? typeName
              : undefined;
        if (resolves !== typeName)
          problems.push(`${relative(file)}: class ${declaration.name?.text} resolves ${resolves ?? 'a type it does not name'}, not ${typeName}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(SUBGRAPHS)('%s: an entity it owns is resolved by reference with resolve<T>Reference from resolvers/<t>.resolver.ts', (subgraph) => {
    const index = readFileSync(path.join(subgraphsDir, subgraph, 'index.ts'), 'utf8');
    const problems: string[] = [];
    for (const type of objectTypes) {
      const typeName = type.name.value;
      const keyed = directives(type, 'join__type').some(
        (directive) =>
          graphDirs.get(String(argument(directive, 'graph'))) === subgraph &&
          argument(directive, 'key') !== undefined &&
          argument(directive, 'resolvable') !== false,
      );
      const entityFile = path.join(subgraphsDir, subgraph, 'entities', `${kebab(typeName)}.ts`);
      // Only rows the subgraph stores need a reference resolver; an entity it merely extends resolves to its key.
      if (!keyed || !existsSync(entityFile) || !readFileSync(entityFile, 'utf8').includes('@Entity(')) continue;
      const resolverFile = path.join(subgraphsDir, subgraph, 'resolvers', `${kebab(typeName)}.resolver.ts`);
      const reference = `resolve${typeName}Reference`;
      if (!existsSync(resolverFile) || !readFileSync(resolverFile, 'utf8').includes(`export function ${reference}(`)) {
        problems.push(`${typeName}: expected \`export function ${reference}\` in ${relative(resolverFile)}`);
      }
      if (!index.includes(`${typeName}: { __resolveReference: ${reference} }`))
        problems.push(`${typeName}: index.ts should pass ${reference} as its __resolveReference`);
      if (!index.includes(`from './resolvers/${kebab(typeName)}.resolver'`))
        problems.push(`${typeName}: index.ts should import ${reference} from ./resolvers/${kebab(typeName)}.resolver`);
    }
    for (const [, resolver] of index.matchAll(/__resolveReference:\s*([^\s,}]+)/g)) {
      if (!/^resolve\w+Reference$/.test(resolver)) problems.push(`index.ts: __resolveReference is ${resolver}, not a resolve<T>Reference from resolvers/`);
    }
    expect(problems).toEqual([]);
  });
});

describe('where SQL is', () => {
  it.each(SUBGRAPHS)('%s: no SQL in resolvers/', (subgraph) => {
    expect(filesUnder(path.join(subgraphsDir, subgraph, 'resolvers')).flatMap(sqlIn)).toEqual([]);
  });

  it.each(SUBGRAPHS)('%s: loaders.ts only wires DataLoaders to concept modules, and never imports resolvers/', (subgraph) => {
    const loaders = path.join(subgraphsDir, subgraph, 'loaders.ts');
    const imports = sourceOf(loaders)
      .statements.filter(ts.isImportDeclaration)
      .map((statement) => (statement.moduleSpecifier as ts.StringLiteral).text)
      .filter((specifier) => specifier.startsWith('./resolvers'));
    expect({ file: relative(loaders), importsFromResolvers: imports, sql: sqlIn(loaders) }).toEqual({
      file: relative(loaders),
      importsFromResolvers: [],
      sql: [],
    });
  });
});
