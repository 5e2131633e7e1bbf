// ESLint flat config: typescript-eslint's recommended rules for all TypeScript, React's rules of
// hooks (and the React Compiler checks of eslint-plugin-react-hooks 7) for the UI. Run by
// `npm run lint`, which `npm test` runs first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * A no-restricted-imports block for the files under `folder`: no relative import of the top-level
 * src folders `layers` (null: of anything outside `folder`).
 */
function downhill(folder, layers, message) {
  const regex = layers === null ? '^\\.\\./' : `^(\\.\\./)+(${layers.join('|')})(/|$)`;
  // the same rule for dynamic import('…'), which no-restricted-imports does not see (esquery's
  // regex literal cannot hold a '/', hence \x2F)
  const selector = `ImportExpression > Literal[value=/${regex.replaceAll('/', '\\x2F')}/]`;
  return [
    {
      files: [`${folder}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
        'no-restricted-syntax': ['error', { selector, message: `dynamic import: ${message}` }],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'node_modules/**', 'coverage/**', 'test-output/**', '.ci/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Imports run downhill: ui → worker → engine → schema (cli beside ui, over engine and schema).
  // The layer a file may not import, by folder; relative specifiers only (packages are free).
  ...downhill('src/engine', ['ui', 'worker', 'cli'], 'the engine must not import the UI, the worker or the CLI'),
  ...downhill('src/schema', null, 'schema imports nothing of ours but itself (and packages)'),
  ...downhill('src/worker', ['ui', 'cli'], 'the worker must not import the UI or the CLI'),
  ...downhill('src/ui', ['cli'], 'the UI must not import the CLI'),
  // The test oracles stand alone: tests/reference may import types from src/ (the shapes it is
  // handed) but no value, so a bug in the engine's multipliers or linear algebra cannot hide in its
  // own oracle. Static and dynamic imports.
  {
    files: ['tests/reference/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src(/|$)',
              allowTypeImports: true,
              message: 'tests/reference imports no value from src/ (type-only imports are fine): write the oracle from docs/science.md',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression > Literal[value=/^(\\.\\.\\x2F)+src/]', message: 'dynamic import: tests/reference imports nothing from src/' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
);
