// The page's main thread is free of TensorFlow.js: walking the runtime imports (static, dynamic and
// re-exports; `import type` is erased) from src/main.tsx never reaches @tensorflow/* or
// src/engine/tf.ts. The training worker is a separate entry (new Worker(new URL(…))), not an import.
// The built page is checked the same way by tests/e2e/mainThreadBundle.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runtimeImports } from './importGraph';

const ROOT = path.resolve(__dirname, '../..');

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec.replace(/\?.*$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) if (existsSync(c) && /\.(ts|tsx)$/.test(c)) return c;
  return null;
}

/** Every module reachable at run time from `entry`, with the chain of imports that reaches it. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      const target = spec.startsWith('.') ? resolve(file, spec) : `package:${spec}`;
      if (!target || seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      if (!target.startsWith('package:')) queue.push(target);
    }
  }
  return seen;
}

const rel = (p: string) => (p.startsWith('package:') ? p : path.relative(ROOT, p));

describe('the main thread imports no TensorFlow.js', () => {
  // index.html's two entries: boot.ts (starts the training worker) and main.tsx
  const graph = new Map([...reachable(path.join(ROOT, 'src/boot.ts')), ...reachable(path.join(ROOT, 'src/main.tsx'))]);

  it('walks the whole page (app, tour, sweep view, panels, embed)', () => {
    const files = [...graph.keys()].map(rel);
    for (const f of ['src/boot.ts', 'src/pageSettings.ts', 'src/worker/client.ts', 'src/ui/app/App.tsx', 'src/ui/tour/TourPage.tsx', 'src/ui/sweep/SweepView.tsx', 'src/ui/panels/ModesPanel.tsx', 'src/ui/embed/EmbedApp.tsx', 'src/worker/protocol.ts', 'src/engine/records/runRecords.ts']) expect(files).toContain(f);
  });

  it('reaches neither @tensorflow/* nor src/engine/tf.ts', () => {
    const bad = [...graph.entries()].filter(([k]) => k.startsWith('package:@tensorflow/') || rel(k) === 'src/engine/tf.ts');
    expect(bad.map(([, chain]) => chain.map(rel).join(' → '))).toEqual([]);
  });

  it('the walker sees a tfjs import when there is one (the worker entry reaches it)', () => {
    const worker = reachable(path.join(ROOT, 'src/worker/worker.ts'));
    expect([...worker.keys()].some((k) => k.startsWith('package:@tensorflow/tfjs-core'))).toBe(true);
  });
});
