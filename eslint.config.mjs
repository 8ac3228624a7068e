import fs from 'node:fs'
import path from 'node:path'

import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import simpleImportSort from 'eslint-plugin-simple-import-sort'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const root = path.dirname(new URL(import.meta.url).pathname)
const FEATURES = fs
  .readdirSync(path.join(root, 'src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

/**
 * Shared code flows one way, lib / ui / issuer / platform
 * -> features -> pages / app / embed, and a feature never imports another one.
 */
const LAYER_ZONES = [
  ...FEATURES.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
    message: 'Features do not import each other: move what both need to lib, ui or issuer.',
  })),
  ...['lib', 'ui', 'issuer', 'platform'].map((layer) => ({
    target: `./src/${layer}`,
    from: ['./src/features', './src/pages', './src/embed', './src/start', './src/app.ts'],
    message: `src/${layer} is shared code: it may not import features or pages.`,
  })),
  {
    target: './src/features',
    from: './src/start',
    message: 'src/start wires the features at start; a feature never reaches back into it.',
  },
  {
    target: './src/ui',
    from: './src/issuer',
    message: 'src/ui is presentational (props in, events out): issuer state goes through features.',
  },
]

/**
 * The house's rooms: the contract (the API both sides speak) depends on neither side, the
 * sandbox issuer never reaches into the app, and the app never carries the OpenAPI
 * generator (a build-time tool).
 */
const ROOM_ZONES = [
  {
    target: './contract',
    from: ['./src', './sandbox'],
    message: 'contract/ is shared by the app and the sandbox: it imports neither.',
  },
  {
    target: './sandbox',
    from: './src',
    message: 'The sandbox issuer speaks the contract (@contract), never the app.',
  },
  {
    target: './src',
    from: './contract/openapi.ts',
    message: 'The OpenAPI generator is a build-time tool: the app never bundles it.',
  },
]

/** How import-x resolves imports: TypeScript's paths (`@/`), then Node's. */
const importSettings = {
  'import-x/resolver-next': [
    createNodeResolver({
      extensions: ['.ts', '.tsx', '.js'],
      tsconfig: { configFile: path.join(root, 'tsconfig.json') },
    }),
  ],
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/out/**',
      'test/artifacts/**',
      '.taro/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, ...globals.jest },
    },
    plugins: { 'react-hooks': reactHooks, 'simple-import-sort': simpleImportSort },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Logs must never carry a card number, code or token: only the reviewed logger may print.
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: importSettings,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: root, zones: [...LAYER_ZONES, ...ROOM_ZONES] },
      ],
      // No import circles: a circle makes load order matter and two files one unit. The
      // rule sees value imports; a type-only circle is kept out by design (each platform
      // port's shape lives in a file of its own, `*-port.ts`, apart from its variants).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The same for the contract, the sandbox, the tools and the tests.
    files: [
      'contract/**/*.ts',
      'sandbox/**/*.ts',
      'tools/**/*.ts',
      'test/**/*.{ts,tsx}',
      'bench/**/*.ts',
    ],
    plugins: { 'import-x': importX },
    settings: importSettings,
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: ROOM_ZONES }],
    },
  },
  {
    // Features read the issuer client through its functions and hooks, never its stores.
    files: ['src/features/**/*.{ts,tsx}', 'src/pages/**/*.{ts,tsx}', 'src/embed/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@/issuer/client',
              importNames: ['useResourceStore', 'useSessionStore'],
              message: 'Use the client’s hooks and functions (useResource, useSessionStatus, …).',
            },
          ],
        },
      ],
    },
  },
  {
    // Shared components hold no app state: a store belongs to its domain (issuer, a feature).
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zustand', message: 'src/ui is presentational: no stores here.' }] },
      ],
    },
  },
  {
    // Example host mini-programs: plain WeChat JavaScript, as a bank writes it.
    files: ['examples/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { wx: 'readonly', App: 'readonly', Page: 'readonly', getApp: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs', 'babel.config.js', 'jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tools/**', 'sandbox/main.ts', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
)
