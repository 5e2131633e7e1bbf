// Headers that make a page cross-origin isolated (SharedArrayBuffer, hence wasm threads), added
// by the service worker to every response it serves from its cache — so the app stays isolated
// offline, and also on hosts that cannot set headers (e.g. GitHub Pages) once the worker runs.
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A copy of `response` with the isolation headers set (opaque responses are returned as they are). */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(ISOLATION_HEADERS)) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
