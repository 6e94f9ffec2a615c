// Lint rules that keep the process boundaries honest: core runs in plain Node and never
// imports Electron; only the IPC wrappers touch ipcMain / ipcRenderer; the renderer is a web page.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronInCore = {
  name: 'electron',
  message: 'electron/core runs in plain Node: inject what you need from electron/main instead.',
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
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronInCore],
          patterns: [
            { group: ['electron/*', 'electron-store', 'electron-log', 'electron-log/*'], message: electronInCore.message },
            { group: ['**/main/**', '**/preload/**', '**/web/**', '**/renderer/**'], message: 'core depends on nothing outside core.' },
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
            { name: 'electron', importNames: ['ipcMain'], message: 'Bind channels through electron/main/ipc.ts, which checks the sender and parses input.' },
            // Electron security checklist #15: nothing here opens external URLs; if that ever changes, it needs a reviewed allowlist.
            { name: 'electron', importNames: ['shell'], message: 'shell.openExternal with data from the page is a known escape; add a reviewed, allowlisted wrapper first.' },
          ],
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
              regex: '/electron/core/(?!(contract|profile-schema|secret-destination|tokens/health)$)',
              // tokens/health: the pure rule the dashboard and the tray share (who can get a token).
              message: 'The renderer may import only the contract, the profile schema, the secret-destination rule and the health rule from core.',
            },
            { regex: '/electron/(main|preload|web)/', message: 'The renderer talks to main through the contract only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**', 'electron/web/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
