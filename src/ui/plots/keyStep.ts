// Keyboard stepping of a hover index over n points: the new index for a key, null to clear the
// hover (Escape), undefined for keys that are not plot keys. cur = −1 means no hover yet.

export function keyStep(key: string, cur: number, n: number): number | null | undefined {
  if (n <= 0) return undefined;
  const last = n - 1;
  const page = Math.max(1, Math.round(n / 10));
  switch (key) {
    case 'ArrowRight':
      return cur < 0 ? 0 : Math.min(last, cur + 1);
    case 'ArrowLeft':
      return cur < 0 ? last : Math.max(0, cur - 1);
    case 'PageUp':
      return cur < 0 ? 0 : Math.min(last, cur + page);
    case 'PageDown':
      return cur < 0 ? last : Math.max(0, cur - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'Escape':
      return null;
    default:
      return undefined;
  }
}
