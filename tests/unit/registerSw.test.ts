// The service worker registration: skipped in a cross-origin frame, a refusal is quiet (no error).
import { describe, expect, it, vi } from 'vitest';
import { isCrossOriginFrame, registerServiceWorker } from '../../src/sw/register';

const loc = (origin: string) => ({ origin }) as Location;

function fakeWindow(opts: { top: 'self' | 'same' | 'cross'; register?: () => Promise<unknown> }): Window {
  const w: Record<string, unknown> = { location: loc('https://lab.example'), document: { readyState: 'complete' } };
  w.self = w;
  w.top =
    opts.top === 'self'
      ? w
      : opts.top === 'same'
        ? { location: loc('https://lab.example') }
        : {
            get location(): Location {
              throw new DOMException('Blocked a frame', 'SecurityError');
            },
          };
  w.navigator = { serviceWorker: opts.register ? { register: opts.register } : undefined };
  return w as unknown as Window;
}

describe('service worker registration', () => {
  it('knows a cross-origin frame from a top page and a same-origin frame', () => {
    expect(isCrossOriginFrame(fakeWindow({ top: 'self' }))).toBe(false);
    expect(isCrossOriginFrame(fakeWindow({ top: 'same' }))).toBe(false);
    expect(isCrossOriginFrame(fakeWindow({ top: 'cross' }))).toBe(true);
  });

  it('registers ./sw.js on a top page, never in a cross-origin frame, and a refusal logs no error', async () => {
    const register = vi.fn(() => Promise.resolve({}));
    expect(await registerServiceWorker(fakeWindow({ top: 'self', register }))).toBe(true);
    expect(register).toHaveBeenCalledWith('./sw.js', { scope: './' });
    const never = vi.fn(() => Promise.resolve({}));
    expect(await registerServiceWorker(fakeWindow({ top: 'cross', register: never }))).toBe(false);
    expect(never).not.toHaveBeenCalled();
    const error = vi.spyOn(console, 'error');
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const denied = () => Promise.reject(new DOMException('The user denied permission to use Service Worker.', 'SecurityError'));
    expect(await registerServiceWorker(fakeWindow({ top: 'same', register: denied }))).toBe(false);
    expect(error).not.toHaveBeenCalled();
    expect(info).toHaveBeenCalledTimes(1);
    expect(await registerServiceWorker(fakeWindow({ top: 'self' }))).toBe(false); // no service workers at all
  });

  it('with a delay, registers only that long after the page has loaded', async () => {
    vi.useFakeTimers();
    try {
      const register = vi.fn(() => Promise.resolve({}));
      const done = registerServiceWorker(fakeWindow({ top: 'self', register }), 5000);
      await vi.advanceTimersByTimeAsync(4900);
      expect(register).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(200);
      expect(register).toHaveBeenCalledTimes(1);
      expect(await done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
