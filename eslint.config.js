// Flat config: @eslint/js + typescript-eslint for every TypeScript file, plus the project's own
// rules: no HTML-string sinks anywhere (STYLE: "never innerHTML with page data"), and no browser
// API in the code that runs anywhere (src/engine, src/shared, src/rules: STYLE "Folders say where code runs").
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Properties that parse a string as HTML; a scam page's text must never reach one. */
const HTML_SINKS = ['innerHTML', 'outerHTML'].map((property) => ({
  property,
  message: `${property} parses HTML: build nodes with DOM APIs and textContent instead.`,
}));

const HTML_SINK_SYNTAX = [
  {
    selector: "MemberExpression[property.name='insertAdjacentHTML']",
    message: 'insertAdjacentHTML parses HTML: build nodes with DOM APIs and textContent instead.',
  },
  {
    selector: "MemberExpression[object.name='document'][property.name=/^write(ln)?$/]",
    message: 'document.write parses HTML and blocks the page.',
  },
  {
    selector: "MemberExpression[property.name='createContextualFragment']",
    message: 'createContextualFragment parses HTML: build nodes with DOM APIs instead.',
  },
];

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,js,mjs}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    rules: {
      'no-restricted-properties': ['error', ...HTML_SINKS],
      'no-restricted-syntax': ['error', ...HTML_SINK_SYNTAX],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      // The normaliser exists to handle zero-width and look-alike characters, and comments quote
      // the evasions it defeats; in code (outside strings and patterns) they stay forbidden.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true },
      ],
    },
  },
  {
    // TypeScript already reports undefined names; no-undef only misfires on type-only globals.
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Code that runs anywhere (Node, tests, every extension context) touches no browser API, and no
    // Node API either (the extension has none): Node-only helpers live in scripts/lib.
    files: ['src/engine/**/*.ts', 'src/shared/**/*.ts', 'src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'webextension-polyfill', message: 'src/engine, src/shared and src/rules must not use browser APIs.' },
          ],
          patterns: [
            {
              group: ['**/background/**', '**/content/**', '**/ui/**', '**/platform/**'],
              message: 'src/engine, src/shared and src/rules must not depend on a context folder.',
            },
            {
              group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process'],
              message: 'src/engine, src/shared and src/rules run in the browser too: Node APIs belong in scripts/lib.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'src/engine, src/shared and src/rules must not use browser APIs.' },
        { name: 'browser', message: 'src/engine, src/shared and src/rules must not use browser APIs.' },
      ],
      'no-restricted-properties': [
        'error',
        ...HTML_SINKS,
        { object: 'globalThis', property: 'chrome', message: 'src/engine, src/shared and src/rules must not use browser APIs.' },
        { object: 'globalThis', property: 'browser', message: 'src/engine, src/shared and src/rules must not use browser APIs.' },
      ],
    },
  },
  {
    // Node scripts and config files run in Node.
    files: ['scripts/**/*.ts', '*.config.{ts,js}', 'tests/**/*.ts'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    // Playwright fixtures that use no other fixture are written `async ({}, use) => …`.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
);
