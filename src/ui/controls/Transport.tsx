// The transport: Play/Pause, Step, Reset, the step counter and steps/s, and the start-up progress.
// Every control is a native element with a visible label.
import { useEffect, useState } from 'react';
import type { RunView } from '../shared/useRun';
import type { StartupStage } from '../../engine/records/runRecords';

const STATE_LABEL: Record<RunView['state'], string> = {
  loading: 'starting…',
  ready: 'ready',
  playing: 'training',
  paused: 'paused',
  diverged: 'diverged',
  done: 'done',
};

const ICONS: Record<'play' | 'pause' | 'step' | 'reset', string> = {
  play: 'M4 2.5v11l9.5-5.5z',
  pause: 'M3.5 2.5h3.2v11H3.5zM9.3 2.5h3.2v11H9.3z',
  step: 'M2.5 2.5v11l8-5.5zM11 2.5h2.5v11H11z',
  reset: 'M8 2.2a5.8 5.8 0 1 1-5.6 7.3h1.9A4 4 0 1 0 8 4v2.3L4.4 3.1 8 0z',
};

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="btn-icon" viewBox="0 0 16 16" width="13" height="13" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

const STAGE_LABEL: Record<StartupStage, string> = {
  data: 'data and θ₀',
  kernelTrain: 'kernel Θ₀ train×train',
  kernelEval: 'kernel Θ₀ eval×train',
  kernelProbe: 'kernel Θ₀ probe',
  lr: 'λmax and learning rate',
  firstMeasure: 'first measurement (compiling kernels)',
};

/**
 * "starting: kernel Θ₀ eval×train · 40% · ~12 s left"; `elapsedMs` since the stage's estimate
 * arrived counts it down, and an overrun says so instead of a stuck "~1 s left".
 */
export function startupLabel(startup: RunView['startup'], elapsedMs = 0): string {
  if (!startup) return 'starting…';
  const pct = `${Math.round(startup.fraction * 100)}%`;
  let eta = '';
  if (startup.etaMs !== undefined && startup.etaMs >= 500) {
    const left = startup.etaMs - elapsedMs;
    eta = left >= 500 ? ` · ~${formatDuration(left)} left` : ` · taking longer than the ~${formatDuration(startup.etaMs)} estimated`;
  }
  return `starting: ${STAGE_LABEL[startup.stage]} · ${pct}${eta}`;
}

/** The start-up label, its estimate counting down once a second. */
function StartupText({ startup }: { startup: RunView['startup'] }) {
  const [now, setNow] = useState(() => performance.now());
  const counting = startup?.etaMs !== undefined && startup.etaMs >= 500;
  useEffect(() => {
    if (!counting) return;
    const id = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(id);
  }, [counting]);
  const elapsed = startup?.receivedAt !== undefined ? Math.max(0, now - startup.receivedAt) : 0;
  return <>{startupLabel(startup, elapsed)}</>;
}

/**
 * A worker status message shown while playing; "compiling kernels…" (the first training steps,
 * shader compilation on WebGPU can take many seconds) gets the seconds it has lasted, once a second,
 * so the pill visibly moves while the step counter cannot.
 */
function PlayingMessage({ text }: { text: string }) {
  const compiling = text.startsWith('compiling kernels');
  const [secs, setSecs] = useState(0);
  useEffect(() => {
    if (!compiling) return;
    const t0 = performance.now();
    const id = setInterval(() => setSecs(Math.floor((performance.now() - t0) / 1000)), 1000);
    return () => clearInterval(id);
  }, [compiling]);
  return <>{compiling && secs >= 1 ? `${text} · ${secs} s` : text}</>;
}

function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${Math.max(1, Math.round(s))} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export interface TransportProps {
  view: RunView;
  /** Stops a start-up in progress (shown only while loading). */
  onCancel?: () => void;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
}

export function Transport({ view, onPlay, onPause, onStep, onReset, onCancel }: TransportProps) {
  const playing = view.wantPlay;
  const busy = view.state === 'loading';
  const ended = view.state === 'diverged' || view.state === 'done';
  return (
    <div className="transport" role="group" aria-label="Run">
      <div className="transport-buttons">
        {playing ? (
          <button type="button" className="btn btn-primary" onClick={onPause}>
            <Icon name="pause" />
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            onClick={onPlay}
            disabled={view.state === 'diverged'}
            title={view.state === 'done' ? 'Run again from the same initial weights' : undefined}
          >
            <Icon name="play" />
            Play
          </button>
        )}
        <button type="button" className="btn" onClick={onStep} disabled={busy || ended} title="One optimiser step, then measure">
          <Icon name="step" />
          Step
        </button>
        <button type="button" className="btn" onClick={onReset} title="Back to step 0: same seed, same initial weights">
          <Icon name="reset" />
          Reset
        </button>
        {busy && onCancel && (
          <button type="button" className="btn" onClick={onCancel} title="Stop building this run">
            Cancel
          </button>
        )}
      </div>
      <div className="transport-readout" aria-live="off">
        <span className="counter">
          <span className="counter-label">step</span>{' '}
          <span className="counter-value" data-testid="step-count" data-num-tensors={view.numTensors ?? undefined} data-num-bytes={view.numBytes ?? undefined}>
            {view.step}
          </span>
          <span className="counter-of"> / {view.config.steps}</span>
        </span>
        <span className="counter">
          <span className="counter-value" data-testid="steps-per-sec">
            {view.state === 'playing' ? formatRate(view.stepsPerSec) : 0}
          </span>{' '}
          <span className="counter-label">steps/s</span>
        </span>
        <span className={`state-pill state-${view.state}`} data-testid="run-state">
          {view.state === 'loading' ? (
            <StartupText startup={view.startup} />
          ) : view.state === 'playing' && view.statusMessage ? (
            <PlayingMessage text={view.statusMessage} />
          ) : (
            STATE_LABEL[view.state]
          )}
        </span>
      </div>
    </div>
  );
}
/** Steps per second for the counter: whole numbers from 10 up, one decimal below (slow wide nets). */
function formatRate(sps: number): string {
  return sps >= 10 ? String(Math.round(sps)) : sps.toFixed(1);
}
