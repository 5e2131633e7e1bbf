// No import circles inside src/ui, type-only imports included: neither between files nor between
// its folders (app, tour, embed, sweep, …). Which folder may import which is eslint.config.js's
// UI_LAYERS (a folder imports only the folders below it); this test catches the circles a layer
// order cannot see (two files of one folder importing each other) and checks the walk itself.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { allImports, circles } from './importGraph';

const UI = path.resolve(__dirname, '../../src/ui');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []));
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) if (existsSync(c) && /\.tsx?$/.test(c)) return c;
  return null;
}

/** The import graph of src/ui's files (paths relative to src/ui), imports of files outside src/ui left out. */
function uiGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(UI)) {
    const targets = allImports(readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(file, s))
      .filter((t): t is string => t !== null && t.startsWith(UI + path.sep));
    graph.set(path.relative(UI, file), targets.map((t) => path.relative(UI, t)));
  }
  return graph;
}

const folderOf = (file: string) => file.split(path.sep)[0];

describe('src/ui imports', () => {
  const graph = uiGraph();

  it('the walk sees the folders and their imports (type-only ones too)', () => {
    expect(new Set([...graph.keys()].map(folderOf))).toEqual(new Set(['app', 'tour', 'embed', 'sweep', 'shortcuts', 'panels', 'controls', 'plots', 'export', 'shared']));
    expect(graph.get(path.join('panels', 'types.ts'))).toContain(path.join('shared', 'useRun.ts')); // import type { RunView }
    expect(graph.get(path.join('app', 'App.tsx'))).toContain(path.join('sweep', 'SweepView.tsx')); // lazy import('…')
  });

  it('has no circle between files', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('has no circle between folders', () => {
    const folders = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...targets.map(folderOf).filter((f) => f !== from)])]);
    }
    expect(circles(folders)).toEqual([]);
  });

  it('finds a circle when there is one (a type-only one included)', () => {
    expect(allImports("import type { RunView } from '../app/useRun';\nimport { x } from './y';")).toEqual(['../app/useRun', './y']);
    const g = new Map([
      ['app/useRun.ts', ['panels/types.ts']],
      ['panels/types.ts', ['app/useRun.ts']],
      ['a.ts', ['a.ts']],
      ['b.ts', ['app/useRun.ts']],
    ]);
    expect(circles(g)).toEqual([['app/useRun.ts', 'panels/types.ts'], ['a.ts']]);
  });
});
