// LWC unit tests: sfdx-lwc-jest runs the TypeScript components and their __tests__ directly.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

export default {
  ...jestConfig,
  rootDir: '.',
  roots: ['<rootDir>/force-app'],
  testMatch: ['**/lwc/**/__tests__/**/*.test.ts'],
  // Negated globs here made Jest collect nothing in some checkouts (a 0% report that still passed
  // the threshold); ignore patterns are applied the same way wherever the clone lives.
  collectCoverageFrom: ['force-app/main/default/lwc/**/*.ts'],
  coveragePathIgnorePatterns: ['/node_modules/', '/__tests__/', '\\.d\\.ts$'],
  coverageThreshold: { global: { lines: 90, branches: 80, functions: 90, statements: 90 } },
  testPathIgnorePatterns: ['/node_modules/', '/.tsbuild/']
};
