// How often worker events reach React: the run store publishes at most once per interval (and
// then in an animation frame), so a fast-training worker cannot make the page re-render 60 times
// a second. User actions (Play, Reset, settings) publish at once and are not paced.

/** Minimum time between two published views while training, ms (10 updates a second). */
export const EMIT_INTERVAL_MS = 100;

/** Milliseconds to wait before the next publish, given the last one at `last` and the time `now` (≤ 0: publish now). */
export function nextEmitDelay(last: number, now: number, interval: number): number {
  if (!Number.isFinite(last)) return 0;
  const since = now - last;
  if (since < 0) return interval; // a clock that went backwards: wait one interval
  return Math.max(0, interval - since);
}
