// Device loss and fallback, the pure parts: which backends the automatic choice may still try once
// some were lost in this page, and the sentences the badge and the notice show. The worker side
// (watching GPUDevice.lost / webglcontextlost, and the debug hook that loses a device) is in
// deviceLoss.ts; the page side (terminate the worker, start a fresh one that excludes the lost
// backend, restart the run from step 0) in src/ui/shared/useRun.ts.
import type { BackendName, LostBackend } from './protocol';

export type { LostBackend } from './protocol';

/** The automatic choice's order of preference (each is still probed or timed before it is used). */
export const AUTOMATIC_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Backends that own a device or context the browser can take away. */
export const LOSABLE: readonly BackendName[] = ['webgpu', 'webgl'];

/**
 * Backends the automatic choice may try, in order, without those lost in this page. cpu needs no
 * device, so it can never be lost and always stays as the last resort.
 */
export function fallbackCandidates(lost: readonly LostBackend[]): BackendName[] {
  const gone = new Set(lost.map((l) => l.backend).filter((b) => LOSABLE.includes(b)));
  return AUTOMATIC_ORDER.filter((b) => !gone.has(b));
}

/** The forced backend (?backend=) still applies unless it is the one that was lost. */
export function forcedAfterLoss(forced: BackendName | null, lost: readonly LostBackend[]): BackendName | null {
  return forced !== null && lost.some((l) => l.backend === forced) ? null : forced;
}

const WHAT: Record<BackendName, string> = {
  webgpu: 'WebGPU device',
  webgl: 'WebGL context',
  wasm: 'wasm backend',
  cpu: 'cpu backend',
};

/** "WebGPU device lost (destroyed: Device was destroyed.)" — what was lost and the browser's reason. */
export function describeLoss(l: LostBackend): string {
  const reason = l.reason.trim();
  return `${WHAT[l.backend]} lost${reason ? ` (${reason})` : ''}`;
}

/** For the badge's reason: the lost backends are not tried again in this page. */
export function lostSentence(lost: readonly LostBackend[]): string | null {
  if (lost.length === 0) return null;
  return `${lost.map(describeLoss).join('; ')}: not used again in this page`;
}

/**
 * The notice after a loss: what was lost, the reason, that the run restarted from step 0 with the
 * same settings, and on which backend (null while the fresh worker is still choosing).
 */
export function deviceLossNotice(l: LostBackend, now: BackendName | null): string {
  const where = now === null ? 'on the next backend (choosing…)' : `on ${now}`;
  return `${describeLoss(l)}. The run restarted from step 0 with the same settings ${where}.`;
}
