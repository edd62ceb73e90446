// The layout is the architecture; these rules keep it so (ARCHITECTURE.md, "The house"):
// platform/ imports nothing of the project; gateway/ and subgraphs/ import platform/ and never
// each other; runtime/, scripts/, bench/, seed/ and tests may import everything.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Import paths (relative, any depth) that reach into a top-level folder of the project. */
const into = (...folders) => folders.map((folder) => `**/${folder}/**`);

/** The project's top-level folders of code. */
const FOLDERS = ['platform', 'gateway', 'subgraphs', 'runtime', 'seed', 'migrations', 'scripts', 'bench', 'test', 'clients'];

/** The folders a file may import from; every other folder of the project is refused with `message`. */
const standsOn = (allowed) => FOLDERS.filter((folder) => !allowed.includes(folder));

const layer = (message, allowed) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: into(...standsOn(allowed)), message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'bench/tmp/', 'gateway/playground/dist/', 'clients/*/dist/', 'clients/*/src/gql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.mjs'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      'import-x/order': [
        'error',
        { groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'], alphabetize: { order: 'asc', caseInsensitive: true } },
      ],
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // TypeORM's entity lists are typed `Function` by TypeORM itself.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['platform/**/*.ts'],
    rules: layer('platform/ is the floor: it imports nothing else of the project.', ['platform']),
  },
  {
    files: ['gateway/**/*.ts'],
    rules: layer('The gateway wing stands on platform/ only: take what it needs from the subgraphs or the runtime as options.', ['gateway', 'platform']),
  },
  {
    files: ['subgraphs/**/*.ts'],
    ignores: ['subgraphs/**/*.test.ts'],
    rules: layer('The subgraphs wing stands on platform/ only: it never imports the gateway or the runtime.', ['subgraphs', 'platform', 'migrations']),
  },
  {
    files: ['subgraphs/*/loaders.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: into(...standsOn(['subgraphs', 'platform', 'migrations'])), message: 'The subgraphs wing never imports the gateway or the runtime.' },
            {
              group: ['./resolvers/*', '**/resolvers/**'],
              message: 'Loaders wire DataLoaders to the concept modules that hold the SQL; resolvers use loaders, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['subgraphs/*/resolvers/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: "No SQL in resolvers: put it in the subgraph's module for the concept and reach it through a loader or a function.",
        },
        {
          selector: "CallExpression[callee.property.name='createQueryBuilder']",
          message: "No SQL in resolvers: put it in the subgraph's module for the concept.",
        },
      ],
    },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: layer('Migrations stand alone: they are replayed years later, whatever the code has become.', ['migrations']),
  },
  {
    // Examples for users: they stand on the published schema (through codegen), never on the project's code.
    files: ['clients/**/*.ts', 'clients/**/*.tsx', 'clients/**/*.mts'],
    rules: layer('A client kit is what a council would write: it knows the graph through schema/api.graphql only.', ['clients']),
  },
  {
    files: ['gateway/playground/browser/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', sessionStorage: 'readonly', fetch: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', '**/*.e2e.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
