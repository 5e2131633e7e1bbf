// ESLint flat config: typescript-eslint's recommended rules for all TypeScript, React's rules of
// hooks (and the React Compiler checks of eslint-plugin-react-hooks 7) for the UI. Run by
// `npm run lint`, which `npm test` runs first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/**
 * A no-restricted-imports block for the files under `folder` (a glob, or a list of files): each
 * rule is a regex over relative import specifiers and the message shown when one matches.
 */
function restrict(files, rules) {
  const patterns = rules.map(([regex, message]) => ({ regex, message }));
  // the same rules for dynamic import('…'), which no-restricted-imports does not see (esquery's
  // regex literal cannot hold a '/', hence \x2F)
  const syntax = rules.map(([regex, message]) => ({ selector: `ImportExpression > Literal[value=/${regex.replaceAll('/', '\\x2F')}/]`, message: `dynamic import: ${message}` }));
  return { files: Array.isArray(files) ? files : [`${files}/**/*.{ts,tsx}`], rules: { 'no-restricted-imports': ['error', { patterns }], 'no-restricted-syntax': ['error', ...syntax] } };
}

/** A relative import of the top-level src folders `layers` (null: of anything outside the folder). */
const climbs = (layers) => (layers === null ? '^\\.\\./' : `^(\\.\\./)+(${layers.join('|')})(/|$)`);
/** A relative import of a module of `layer` other than the `allowed` ones (paths inside the layer). */
const outside = (layer, allowed) => `^(\\.\\./)+${layer}/(?!(${allowed.join('|')})$)`;

/**
 * The engine modules the page's main thread may import: free of TensorFlow.js (the records that
 * cross the worker boundary, the learning-rate rule, the sweep's analysis, closed forms). A unit
 * test (tests/unit/mainThreadImports.test.ts) walks the imports from src/main.tsx to check that no
 * module the page loads reaches tfjs; this list keeps ui/ and content/ from importing anything else.
 */
const PAGE_ENGINE = ['records/[A-Za-z]+', 'lr/rule', 'lr/phase', 'sweep', 'sweep/(grid|metrics|summary|io|files)', 'scaling/powerLaw', 'metrics/modeClosedForm', 'linalg/frobenius'];
/** The worker modules that run on the page's main thread: the protocol, the client, the fallback rule. */
const PAGE_WORKER = ['protocol', 'client', 'fallback'];
const PAGE_ENGINE_MESSAGE = 'the page imports only tfjs-free engine modules (eslint.config.js PAGE_ENGINE: records, lr/rule, lr/phase, the sweep analysis)';

/**
 * The folders of src/ui, top to bottom: a folder imports only the folders below it. app/ is the
 * Lab's shell; tour/ and embed/ are pages of their own (the tour shows embeds' controls, the Lab's
 * toolbar the embed-code dialog); sweep/ the width-sweep view; shortcuts/ the keyboard; panels/ the
 * views of a run (they use controls' fields); controls/ the settings and transport; plots/ the
 * drawing (PlotFrame, axes, colours), export/ the files a panel or run is saved as; shared/ the run
 * store, URL parameters, theme and hooks every page reads. A new folder must be placed here: the
 * config refuses to load while src/ui holds a folder this list does not name.
 * tests/unit/uiImports.test.ts checks there is no import circle in src/ui (files or folders).
 */
export const UI_LAYERS = ['app', 'tour', 'embed', 'sweep', 'shortcuts', 'panels', 'controls', 'plots', 'export', 'shared'];
const unplaced = readdirSync(new URL('./src/ui', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory() && !UI_LAYERS.includes(d.name));
if (unplaced.length > 0) throw new Error(`eslint.config.js: place src/ui/${unplaced[0].name} in UI_LAYERS (the ui folders, top to bottom)`);
/** The rules every file of src/ui obeys (top-level layering), with each folder's climb rule added below. */
const UI_RULES = [
  [climbs(['cli']), 'the UI must not import the CLI'],
  [outside('engine', PAGE_ENGINE), PAGE_ENGINE_MESSAGE],
  [outside('worker', PAGE_WORKER), 'the UI talks to the worker through protocol.ts and client.ts only (and fallback.ts)'],
];
/** One restrict block per ui folder: UI_RULES plus no import of a folder above it in UI_LAYERS. */
const uiLayerRules = UI_LAYERS.map((folder, i) =>
  restrict(`src/ui/${folder}`, i === 0 ? UI_RULES : [...UI_RULES, [climbs(UI_LAYERS.slice(0, i)), `src/ui/${folder} imports only the ui folders below it (eslint.config.js UI_LAYERS: ${UI_LAYERS.join(' > ')})`]]),
);

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
  restrict('src/engine', [[climbs(['ui', 'worker', 'cli', 'content']), 'the engine must not import the UI, the worker, the CLI or the content']]),
  restrict('src/schema', [[climbs(null), 'schema imports nothing of ours but itself (and packages)']]),
  restrict('src/worker', [[climbs(['ui', 'cli', 'content']), 'the worker must not import the UI, the CLI or the content']]),
  restrict(['src/worker/protocol.ts', 'src/worker/client.ts', 'src/worker/fallback.ts', 'src/worker/prestart.ts'], [
    [climbs(['ui', 'cli', 'content']), 'the worker must not import the UI, the CLI or the content'],
    [outside('engine', PAGE_ENGINE), `the protocol runs on the page too: ${PAGE_ENGINE_MESSAGE}`],
  ]),
  restrict('src/content', [
    [climbs(['ui', 'worker', 'cli']), 'content imports only the schema and tfjs-free engine modules'],
    [outside('engine', PAGE_ENGINE), PAGE_ENGINE_MESSAGE],
  ]),
  restrict('src/cli', [[climbs(['ui', 'worker', 'content']), 'the CLI imports the engine and the schema only']]),
  restrict('src/ui', UI_RULES),
  // inside ui/: each folder imports only the folders below it (UI_LAYERS)
  ...uiLayerRules,
  // the page's entries: main.tsx, boot.ts (index.html loads it first: starts the training worker) and the settings both read
  restrict(['src/main.tsx', 'src/boot.ts', 'src/pageSettings.ts'], [
    ['^\\./(engine|cli)/', 'main.tsx mounts the UI: no engine or CLI'],
    [`^\\./worker/(?!(${PAGE_WORKER.join('|')})$)`, 'main.tsx talks to the worker through protocol.ts and client.ts only'],
  ]),
  restrict('src/sw', [[climbs(null), 'the service worker imports nothing of ours outside src/sw']]),
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
