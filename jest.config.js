/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/gateway', '<rootDir>/subgraphs', '<rootDir>/scripts', '<rootDir>/client', '<rootDir>/bench', '<rootDir>/web/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // swc keeps decorator metadata, which type-graphql and TypeORM read at run time.
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  setupFiles: ['reflect-metadata'],
  // A worker keeps ~50 MB of each test file it ran (jest's module registries: jestjs/jest#11956),
  // so late files collect garbage on a heap of gigabytes; a worker past 1 GB is replaced between files.
  workerIdleMemoryLimit: '1GB',
  // Such a worker, its open handles closed ('exit' within 5 ms of jest's end), takes 0.7 to 0.9 s more to
  // free its heap and die: past jest's 500 ms, it was killed and reported as a leak it did not have.
  workerGracefulExitTimeout: 3000,
  testTimeout: 30000,
};
