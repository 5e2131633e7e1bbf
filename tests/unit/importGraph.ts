// The module specifiers a TypeScript source imports at run time: static imports and re-exports
// (not `import type` / `export type`, nor braces whose every name is `type …`), side-effect
// imports and dynamic import('…') with a literal. Comments are stripped first.

const STATIC = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
const BARE = /(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)/g;

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
}

/** True when an import clause brings in values (not only types). */
function importsValues(clause: string): boolean {
  const braces = /\{([^}]*)\}/.exec(clause);
  const outside = clause.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
  if (outside.length > 0) return true; // a default or namespace import
  if (!braces) return true;
  const names = braces[1].split(',').map((s) => s.trim()).filter(Boolean);
  return names.length === 0 || names.some((n) => !n.startsWith('type '));
}

export function runtimeImports(source: string): string[] {
  const src = stripComments(source);
  const out: string[] = [];
  for (const m of src.matchAll(STATIC)) if (!m[2] && importsValues(m[3])) out.push(m[4]);
  for (const m of src.matchAll(BARE)) out.push(m[1]);
  for (const m of src.matchAll(DYNAMIC)) out.push(m[1]);
  return out;
}

/** Every module specifier a source imports or re-exports, `import type` included (for circles of types). */
export function allImports(source: string): string[] {
  const src = stripComments(source);
  return [...[...src.matchAll(STATIC)].map((m) => m[4]), ...[...src.matchAll(BARE)].map((m) => m[1]), ...[...src.matchAll(DYNAMIC)].map((m) => m[1])];
}

/** The circles of a directed graph: its strongly connected components with more than one node, or a node importing itself (Tarjan). */
export function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}
