// JSON text for downloads: typed arrays become plain arrays, non-finite numbers become null
// (what JSON.stringify does for NaN/Infinity, made explicit for typed arrays too), 2-space indent.

function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, replacer, indent) + '\n';
}
