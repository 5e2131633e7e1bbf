// "Files" section of the sidebar: download the run's metrics (CSV, JSON), save the config as JSON
// and load one back (file picker, or drag-and-drop of a file anywhere on the page). A bad file
// gives one message naming the problem and changes nothing.
import { useEffect, useRef, useState } from 'react';
import type { MetricRow, RunMeta } from '../../engine/records/runRecords';
import type { ExperimentConfig } from '../../schema/config';
import { configFileText, parseConfigFileText } from './configFile';
import { downloadText, MIME, safeFilename } from './download';
import { metricsCsv, metricsJson } from './runFiles';
import { compareMetricsCsv, compareMetricsJson, type CompareExport } from './compareFiles';

export interface FilesSectionProps {
  config: ExperimentConfig;
  meta: RunMeta | null;
  rows: readonly MetricRow[];
  backend: string | null;
  /** Replace the whole config (starts a new run). */
  onLoadConfig: (config: ExperimentConfig) => void;
  /** Compare mode: the second run, exported in the same files (a `run` column / a `compare` object). */
  compare?: CompareExport | null;
}

type Message = { kind: 'ok' | 'error'; text: string } | null;

const MAX_CONFIG_BYTES = 64 * 1024;

export function FilesSection({ config, meta, rows, backend, onLoadConfig, compare }: FilesSectionProps) {
  const [message, setMessage] = useState<Message>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const runName = ['tangent-lab', `w${config.width}`, `d${config.depth}`, config.activation, config.dataset, `seed${config.seed}`, ...(compare ? [`vs-${compare.labels[1]}`] : [])];
  const csv = () => (compare ? compareMetricsCsv(rows, compare) : metricsCsv(rows));
  const json = () => (compare ? compareMetricsJson(rows, config, meta, backend, compare) : metricsJson(rows, config, meta, backend));

  const readFile = async (file: File) => {
    if (file.size > MAX_CONFIG_BYTES) {
      setMessage({ kind: 'error', text: `"${file.name}" is ${Math.round(file.size / 1024)} KB: a config file is a few hundred bytes. Nothing was changed.` });
      return;
    }
    const r = parseConfigFileText(await file.text());
    if (r.ok) {
      onLoadConfig(r.config);
      const notes = r.notices.length ? ` ${r.notices.join(' ')}` : '';
      setMessage({ kind: 'ok', text: `Loaded the config from "${file.name}".${notes}` });
    } else {
      setMessage({ kind: 'error', text: `Could not load "${file.name}": ${r.error.replace(/\.?$/, '.')} Nothing was changed.` });
    }
  };
  // the window drop listener (registered once) calls the latest readFile
  const readRef = useRef(readFile);
  useEffect(() => {
    readRef.current = readFile;
  });

  // Drag-and-drop anywhere on the page.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = e.dataTransfer?.files;
      if (!files || files.length === 0) return;
      if (files.length > 1) {
        setMessage({ kind: 'error', text: `Drop one config file at a time (got ${files.length}). Nothing was changed.` });
        return;
      }
      void readRef.current(files[0]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <section className="files-section" aria-labelledby="files-heading">
      <h2 id="files-heading" className="files-heading">
        Files
      </h2>
      <div className="files-row" role="group" aria-label="Download the run's metrics">
        <span className="files-label">Metrics</span>
        <button type="button" className="btn btn-small" disabled={rows.length === 0} onClick={() => downloadText(csv(), safeFilename([...runName, 'metrics'], 'csv'), MIME.csv)}>
          CSV
        </button>
        <button type="button" className="btn btn-small" disabled={rows.length === 0} onClick={() => downloadText(json(), safeFilename([...runName, 'metrics'], 'json'), MIME.json)}>
          JSON
        </button>
      </div>
      <div className="files-row" role="group" aria-label="Config file">
        <span className="files-label">Config</span>
        <button type="button" className="btn btn-small" onClick={() => downloadText(configFileText(config), safeFilename([...runName, 'config'], 'json'), MIME.json)}>
          Save
        </button>
        <button type="button" className="btn btn-small" onClick={() => input.current?.click()}>
          Load…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Load a config file"
          data-testid="config-file-input"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void readFile(f);
          }}
        />
      </div>
      <p className="files-hint">or drop a config file anywhere on the page</p>
      {message && (
        <p className={message.kind === 'error' ? 'files-message is-error' : 'files-message'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="files-message">
          {message.text}
          <button type="button" className="files-dismiss" aria-label="Dismiss message" onClick={() => setMessage(null)}>
            ×
          </button>
        </p>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a Tangent Lab config (.json) to load it
        </div>
      )}
    </section>
  );
}
