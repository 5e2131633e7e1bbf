// The TensorFlow.js backends, one list: the page's URL parameter (`?backend=`), the worker
// protocol's schema, the memory guard's per-backend budgets and the CLI's `--backend` (a subset,
// ../cli/io.ts) all read it.

/** Every TensorFlow.js backend the project runs on, fastest first where available. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The backends Node offers (no WebGPU or WebGL outside a browser): the CLI's choices, wasm its default. */
export const NODE_BACKENDS = ['wasm', 'cpu'] as const satisfies readonly BackendName[];
