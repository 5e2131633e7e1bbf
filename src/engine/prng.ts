// Seeded pseudo-random numbers in plain JS, so the same seed gives bit-identical θ₀ and data
// on every tfjs backend and in Node. splitmix32 streams, keyed by (seed, tag); Box–Muller normals.

/** 32-bit integer hash (Murmur3 finaliser). */
export function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Derive an independent stream seed from a base seed and a string tag (e.g. "W3", "data:test"). */
export function streamSeed(seed: number, tag: string): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (let i = 0; i < tag.length; i++) h = mix32(h ^ tag.charCodeAt(i));
  return h;
}

/** A uniform generator on [0, 1) (splitmix32). */
export function uniformStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
}

/** A standard-normal generator (Box–Muller, both outputs used). */
export function normalStream(seed: number): () => number {
  const u = uniformStream(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u1 = 1 - u(); // (0, 1]: log is finite
    const u2 = u();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}

/** n standard normals from the stream (seed, tag). */
export function normals(seed: number, tag: string, n: number): Float64Array {
  const g = normalStream(streamSeed(seed, tag));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = g();
  return out;
}

/** A seeded Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, rand: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
