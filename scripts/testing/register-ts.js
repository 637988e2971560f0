// `node -r ./scripts/testing/register-ts.js entry.ts`: runs a TypeScript entry point in a child
// process, compiled on the fly exactly as Jest compiles the tests (swc, with decorator metadata),
// so a test can start a real service process and signal it without building dist/ first.
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');
const jestConfig = require('../../jest.config.js');

const [, swcOptions] = jestConfig.transform['^.+\\.ts$'];
addHook((code, filename) => transformSync(code, { ...swcOptions, filename, sourceMaps: 'inline' }).code, { exts: ['.ts'] });
