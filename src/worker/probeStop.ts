// When the start-up probe (backendSelect.ts) may stop timing a candidate backend early. tfjs-free,
// so the rule is unit-tested on its own.

/**
 * A candidate whose fastest timed step is this many times slower than the best median already
 * measured is not timed further: more steps could not make it the fastest (the badge says so).
 */
export const PROBE_STOP_RATIO = 3;

/** Whether timing a candidate can stop: its fastest step so far is over PROBE_STOP_RATIO × the best median already measured. */
export function probeCanStop(times: readonly number[], bestMs: number | null): boolean {
  return bestMs !== null && bestMs > 0 && times.length > 0 && Math.min(...times) > PROBE_STOP_RATIO * bestMs;
}

/** The note on a candidate that was timed on one step only, or null when it was timed fully. */
export function stoppedNote(name: string, steps: number, ms: number, best: { backend: string; msPerStep: number | null } | null, fmt: (ms: number) => string): string | null {
  if (!best || best.msPerStep === null || steps !== 1 || !probeCanStop([ms], best.msPerStep)) return null;
  return `${name} timed on 1 step (${fmt(ms)} ms, over ${PROBE_STOP_RATIO}× ${best.backend}'s ${fmt(best.msPerStep)} ms)`;
}
