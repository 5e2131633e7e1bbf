// Device loss, the worker side: watch the running backend's device (WebGPU: GPUDevice.lost;
// WebGL: the context's webglcontextlost event, and gl.isContextLost() as a backstop) and report a
// loss once; and the `?debug` hook that loses the real device (GPUDevice.destroy(),
// WEBGL_lose_context.loseContext()), so tests exercise the same path a driver reset would.
import { tf } from '../engine/tf';
import type { BackendName, LostBackend } from './protocol';

interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}
interface WebGlLike {
  isContextLost(): boolean;
  getExtension(name: 'WEBGL_lose_context'): { loseContext(): void } | null;
  canvas?: { addEventListener?(type: string, fn: (e: Event) => void): void };
}

/** The running backend's GPUDevice (tfjs's WebGPU backend keeps it as `device`), or null. */
function webgpuDevice(): GpuDeviceLike | null {
  const d = Reflect.get(tf.backend() as object, 'device') as GpuDeviceLike | undefined;
  return d && typeof d.destroy === 'function' ? d : null;
}

/** The running WebGL backend's context (tfjs keeps it as `gpgpu.gl`), or null. */
function webglContext(): WebGlLike | null {
  const gpgpu = Reflect.get(tf.backend() as object, 'gpgpu') as { gl?: WebGlLike } | undefined;
  return gpgpu?.gl && typeof gpgpu.gl.isContextLost === 'function' ? gpgpu.gl : null;
}

/** The browser's GPUDeviceLostInfo as one line: "destroyed: Device was destroyed." */
export function lostInfoText(info: { reason?: string; message?: string } | undefined): string {
  const parts = [info?.reason && info.reason !== 'unknown' ? info.reason : '', info?.message ?? ''].map((s) => s.trim()).filter(Boolean);
  return parts.join(': ') || 'no reason given';
}

export interface DeviceWatch {
  /** True once the device is known to be lost (checks the WebGL context now). */
  isLost(): boolean;
  stop(): void;
}

/**
 * Calls onLost once when the running backend (`name`, already set) loses its device. Nothing to
 * watch on wasm and cpu.
 */
export function watchDevice(name: BackendName, onLost: (lost: LostBackend) => void): DeviceWatch {
  let lost = false;
  let stopped = false;
  const report = (reason: string) => {
    if (lost || stopped) return;
    lost = true;
    onLost({ backend: name, reason });
  };
  let timer: ReturnType<typeof setInterval> | null = null;
  let gl: WebGlLike | null = null;
  if (name === 'webgpu') {
    const device = webgpuDevice();
    void device?.lost.then((info) => report(lostInfoText(info)));
  } else if (name === 'webgl') {
    gl = webglContext();
    gl?.canvas?.addEventListener?.('webglcontextlost', () => report('webglcontextlost: the browser took the WebGL context away'));
    // Backstop where the event does not reach us: a cheap poll of the context.
    timer = setInterval(() => {
      if (gl?.isContextLost()) report('the WebGL context is lost (isContextLost)');
    }, 500);
  }
  return {
    isLost: () => {
      if (!lost && gl?.isContextLost()) report('the WebGL context is lost (isContextLost)');
      return lost;
    },
    stop: () => {
      stopped = true;
      if (timer !== null) clearInterval(timer);
    },
  };
}

/** `?debug` hook: lose the running backend's real device. Returns why not, or null when it did. */
export function loseDevice(): string | null {
  const name = tf.getBackend();
  if (name === 'webgpu') {
    const device = webgpuDevice();
    if (!device) return 'the WebGPU backend exposes no device';
    device.destroy();
    return null;
  }
  if (name === 'webgl') {
    const ext = webglContext()?.getExtension('WEBGL_lose_context');
    if (!ext) return 'WEBGL_lose_context is not available';
    ext.loseContext();
    return null;
  }
  return `${name} has no GPU device to lose`;
}
