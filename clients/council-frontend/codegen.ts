/**
 * GraphQL Code Generator for the example front end: typed documents for every
 * `graphql(...)` call under src/, checked against the schema clients see
 * (schema/api.graphql, the same text the gateway serves at /schema.graphql).
 * Run from the repository root: `npm run build:clients` (or `npx
 * graphql-codegen --config clients/council-frontend/codegen.ts`).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  // A deployed front end may point this at https://<gateway>/schema.graphql instead.
  schema: 'schema/api.graphql',
  documents: ['clients/council-frontend/src/**/*.{ts,tsx}', '!clients/council-frontend/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'clients/council-frontend/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Money is a string of pence and times are ISO 8601 strings on the wire: keep them so.
        scalars: { Pence: 'string', DateTimeISO: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        onlyOperationTypes: true,
        skipTypename: true,
      },
    },
  },
};

export default config;
