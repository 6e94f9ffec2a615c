// Lint rules that keep the process boundaries honest: core runs in plain Node and never
// imports Electron; only the IPC wrappers touch ipcMain / ipcRenderer; the renderer is a web page.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronInCore = {
  name: 'electron',
  message: 'electron/core runs in plain Node: inject what you need from electron/main instead.',
};

// electron/common is reached by one name from everywhere, so a file can move between the
// processes' folders without its imports changing, and lint can tell the renderer's from others'.
const commonByAlias = {
  regex: '^(\\.{1,2}/)+(electron/)?common/',
  message: 'Import electron/common as #common/… (package.json "imports").',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-console': 'error',
    },
  },
  {
    // One import order everywhere (packages, then #common, then relative), kept by --fix; the
    // layout itself is Prettier's (`npm run format`), checked in `npm run lint`.
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // In a CommonJS file require() is the module system, not a style choice.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{ts,tsx,mts,mjs}'],
    ignores: ['electron/common/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [commonByAlias] }] },
  },
  {
    // What crosses processes: loaded by main, the preload, the browser host and the page alike.
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(zod|\\./[^/]+)$)',
              message: 'electron/common runs in every process, the page included: it imports only zod and its own files (./x).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronInCore],
          patterns: [
            { group: ['electron/*', 'electron-store', 'electron-log', 'electron-log/*'], message: electronInCore.message },
            {
              group: ['**/main/**', '**/preload/**', '**/browser-host/**', '**/renderer/**', '**/cli/**'],
              message: 'core depends on nothing outside core but #common.',
            },
            commonByAlias,
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message: 'Bind channels through electron/main/ipc.ts, which checks the sender and parses input.',
            },
            // Electron security checklist #15: nothing here opens external URLs; if that ever changes, it needs a reviewed allowlist.
            {
              name: 'electron',
              importNames: ['shell'],
              message: 'shell.openExternal with data from the page is a known escape; add a reviewed, allowlisted wrapper first.',
            },
          ],
          patterns: [commonByAlias],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          // Regexes, not globs: a glob like `electron/*` would also match `../electron/core/contract`.
          patterns: [
            {
              regex: '^(electron(/.*)?|node:.*|fs|path|os|child_process|crypto)$',
              message: 'The renderer is a web page: talk to the app through window.tessera.',
            },
            {
              // Of the app's own code, only electron/common (#common/…) is the page's to import.
              regex: '(^|/)electron/',
              message:
                'The renderer shares only electron/common with the app, imported as #common/…; everything else goes through window.tessera.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**', 'electron/browser-host/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Hosts use the core's methods; its vault and engine are reachable for tests alone.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='coreInternals']",
          message: 'coreInternals is for tests: give TesseraCore the method the host needs.',
        },
      ],
    },
  },
);
