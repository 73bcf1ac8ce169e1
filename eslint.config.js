// ESLint 9 flat config: TypeScript everywhere, LWC rules on Lightning Web Components.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lwcPlugin from '@lwc/eslint-plugin-lwc';
import babelParser from '@babel/eslint-parser';

const lwcFiles = ['force-app/main/default/lwc/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      '.tsbuild/**',
      'relay/dist/**',
      'force-app/main/default/lwc/**/*.js',
      'scripts/test/fixtures/gates/**',
      '.sf/**',
      '.sfdx/**',
      '.workbench/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off'
    }
  },
  {
    files: ['relay/**/*.ts', 'scripts/**/*.ts', '*.js', '*.ts'],
    languageOptions: { globals: { ...globals.node } }
  },
  {
    files: lwcFiles,
    plugins: { '@lwc/lwc': lwcPlugin },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@lwc/lwc/no-api-reassignments': 'error',
      '@lwc/lwc/no-async-operation': 'error',
      '@lwc/lwc/no-document-query': 'error',
      '@lwc/lwc/no-inner-html': 'error',
      '@lwc/lwc/no-leading-uppercase-api-name': 'error',
      '@lwc/lwc/no-deprecated': 'error',
      '@lwc/lwc/valid-api': 'error',
      '@lwc/lwc/valid-track': 'error',
      '@lwc/lwc/valid-wire': 'error',
      '@lwc/lwc/no-unknown-wire-adapters': 'off',
      '@lwc/lwc/no-dupe-class-members': 'error',
      '@lwc/lwc/no-attributes-during-construction': 'error',
      '@lwc/lwc/no-disallowed-lwc-imports': 'error',
      '@lwc/lwc/no-template-children': 'error',
      '@lwc/lwc/prefer-custom-event': 'error',
      '@lwc/lwc/valid-graphql-wire-adapter-callback-parameters': 'off'
    }
  },
  {
    files: ['force-app/main/default/lwc/**/__tests__/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: { '@lwc/lwc/no-async-operation': 'off' }
  },
  {
    // The workbench's stand-ins for platform modules: plain LWC JavaScript that runs in the browser.
    files: ['workbench/modules/**/*.js'],
    plugins: { '@lwc/lwc': lwcPlugin },
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: { parserOpts: { plugins: [['decorators', { decoratorsBeforeExport: false }]] } }
      },
      globals: { ...globals.browser }
    },
    rules: { '@lwc/lwc/valid-api': 'error', '@lwc/lwc/no-api-reassignments': 'error' }
  },
  {
    files: ['workbench/**/*.ts'],
    languageOptions: { globals: { ...globals.node } }
  }
);
