// Which tfjs backend trains the network, why, and what the start-up probe measured.
import type { BackendInfo } from '../../worker/protocol';

const DESCRIPTION: Record<BackendInfo['name'], string> = {
  webgpu: 'GPU compute shaders',
  webgl: 'GPU through WebGL shaders',
  wasm: 'CPU, WebAssembly SIMD',
  cpu: 'CPU, plain JavaScript',
};

const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2));

export function BackendBadge({ info, onReprobe }: { info: BackendInfo | null; onReprobe?: () => void }) {
  if (!info) {
    return (
      <div className="badge badge-pending" data-testid="backend-badge" role="status">
        <span className="badge-dot" aria-hidden="true" />
        Choosing the fastest backend…
      </div>
    );
  }
  const table = info.measurements
    .map((m) => `${m.backend}: ${m.msPerStep === null ? (m.note ?? 'failed') : `${fmt(m.msPerStep)} ms/step`}${m.probeMs !== undefined ? ` (probe ${m.probeMs} ms)` : ''}`)
    .join('\n');
  return (
    <details className={`badge badge-${info.name}`} data-testid="backend-badge">
      <summary title={`${info.reason}\n\nStart-up probe (one training step, width 256, depth 2, 64 points)${info.probeMs !== undefined ? `, ${info.probeMs} ms in all` : ''}:\n${table}`}>
        <span className="badge-dot" aria-hidden="true" />
        <strong className="badge-name">{info.name}</strong>
        {info.rememberedAt !== undefined && (
          <span className="badge-remembered" data-testid="backend-remembered">
            fastest measured earlier
          </span>
        )}
        {info.lost && info.lost.length > 0 && (
          <span className="badge-fallback" data-testid="backend-fallback">
            fallback after {info.lost.map((l) => l.backend).join(', ')} was lost
          </span>
        )}
        <span className="badge-reason">{info.reason}</span>
      </summary>
      <div className="badge-details">
        <p>
          Training runs on <strong>{info.name}</strong> ({DESCRIPTION[info.name]}){info.forced ? ', forced by ?backend=' : ''}.
        </p>
        <p className="badge-why">{info.reason}</p>
        {info.adapter && <p>WebGPU adapter: {info.adapter}</p>}
        {info.rememberedAt !== undefined && onReprobe && (
          <p>
            Chosen from the probe this browser ran on {new Date(info.rememberedAt).toLocaleString()} (the table below), so this start
            timed nothing.{' '}
            <button type="button" className="btn" onClick={onReprobe} data-testid="backend-reprobe">
              Measure again
            </button>{' '}
            (restarts the run)
          </p>
        )}
        <table>
          <caption>Start-up probe: one training step (width 256, depth 2, 64 points)</caption>
          <thead>
            <tr>
              <th scope="col">backend</th>
              <th scope="col">ms/step</th>
              <th scope="col">probe took</th>
            </tr>
          </thead>
          <tbody>
            {info.measurements.map((m) => (
              <tr key={m.backend} className={m.backend === info.name ? 'is-chosen' : undefined}>
                <th scope="row">{m.backend}</th>
                <td>{m.msPerStep === null ? (m.note ?? 'failed') : fmt(m.msPerStep)}</td>
                <td className="badge-probe-ms">{m.probeMs !== undefined ? `${m.probeMs} ms` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
