import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  // *.test.ts: unit and integration; *.e2e.ts: the whole stack over HTTP.
  testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/', '<rootDir>/bench/'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
    '^.+/node_modules/@opentelemetry/.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // The OTLP exporter loads node:http with a dynamic import(), which jest's CommonJS runtime cannot run;
  // compiled to CommonJS here it becomes a require().
  transformIgnorePatterns: ['/node_modules/(?!@opentelemetry/)'],
  setupFiles: ['reflect-metadata'],
  // A real Postgres for the whole run: TEST_DATABASE_URL / DATABASE_URL, or an embedded one.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 2,
};

export default config;
