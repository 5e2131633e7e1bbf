// The page remembers the worker's start-up probe (which backend was fastest) in localStorage, so a
// later visit starts without timing every backend again. The worker uses it only when the
// fingerprint it was stored under (user agent, WebGPU adapter, WebGL renderer) matches the
// browser it runs in; "Measure again" in the backend badge forgets it and probes afresh.
import { RememberedProbeSchema, type BackendInfo, type RememberedProbe } from '../../worker/protocol';

export const PROBE_CACHE_KEY = 'tangent-lab.backend-probe.v1';

/** Storage as the page has it (localStorage can be missing or throw, e.g. in private modes). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The remembered probe, or null when there is none or it does not validate. */
export function loadRememberedProbe(store: KeyValueStore | null = storage()): RememberedProbe | null {
  try {
    const raw = store?.getItem(PROBE_CACHE_KEY);
    if (!raw) return null;
    const r = RememberedProbeSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Whether a backend event is a fresh automatic probe worth remembering (not forced, not a fallback, not itself remembered). */
export function isRememberable(info: BackendInfo): info is BackendInfo & { fingerprint: string } {
  return !info.forced && info.fingerprint !== undefined && info.rememberedAt === undefined && (info.lost?.length ?? 0) === 0;
}

export function saveRememberedProbe(info: BackendInfo, at: number, store: KeyValueStore | null = storage()): void {
  if (!isRememberable(info)) return;
  const entry: RememberedProbe = { fingerprint: info.fingerprint, at, info };
  try {
    store?.setItem(PROBE_CACHE_KEY, JSON.stringify(entry));
  } catch {
    // storage full or denied: the next visit probes again
  }
}

export function forgetRememberedProbe(store: KeyValueStore | null = storage()): void {
  try {
    store?.removeItem(PROBE_CACHE_KEY);
  } catch {
    // nothing to forget
  }
}
