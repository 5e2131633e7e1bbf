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
