// One training worker for the whole tour: only the figure the reader is looking at drives it.
// A figure becomes active when it scrolls into view (the most visible one wins) and is paused
// when it leaves the view or the tab is hidden; the others keep a frozen copy of their last run.
import { RunStore, type RunView } from '../shared/useRun';
import type { ExperimentConfig } from '../../schema/config';
import type { BackendName } from '../../worker/protocol';

type Listener = () => void;

/** What a figure shows while it is not the active one: its last view, paused. */
export type FrozenView = Pick<RunView, 'meta' | 'rows' | 'snapshot' | 'step' | 'state' | 'divergedAt' | 'wantPlay'>;

export class TourRunner {
  readonly store: RunStore;
  private activeId: string | null = null;
  private connected = false;
  private listeners = new Set<Listener>();
  /** Per figure: whether the reader wants it to play (auto-play on first view; Pause clears it). */
  private wantPlay = new Map<string, boolean>();
  private pageHidden = false;
  /** Per figure: its last loaded view while it was active (paused copy), shown when it is not. */
  private frozen = new Map<string, FrozenView>();

  constructor(initial: ExperimentConfig, forcedBackend: BackendName | null) {
    this.store = new RunStore(initial, forcedBackend);
    // Subscribed first, so the frozen copy is current before any figure re-renders on a change.
    this.store.subscribe(() => this.freezeActive());
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getActiveId = (): string | null => this.activeId;
  /** Changes of the active figure, the run's view or a frozen copy. */
  subscribeAll = (l: Listener): (() => void) => {
    const a = this.subscribe(l);
    const b = this.store.subscribe(l);
    return () => {
      a();
      b();
    };
  };
  /** The frozen copy of figure `id` (stable between changes), or undefined before it ever ran. */
  frozenView = (id: string): FrozenView | undefined => this.frozen.get(id);

  /** Make figure `id` (with its config) the one the worker trains; autoplays unless paused by the reader. */
  activate(id: string, config: ExperimentConfig): void {
    if (!this.connected) {
      this.store.connect();
      this.connected = true;
    }
    if (this.activeId !== id) {
      this.store.pause();
      this.activeId = id;
      this.store.setConfig(config);
      this.emit();
    }
    if (this.wantPlay.get(id) !== false && !this.pageHidden) this.store.play();
  }
  /** The figure left the view: stop training (its last view stays on screen). */
  deactivate(id: string): void {
    if (this.activeId !== id) return;
    this.store.pause();
    this.activeId = null;
    this.emit();
  }
  /** Change the active figure's settings (a slider in the figure); its old frozen copy goes. */
  setConfig(id: string, config: ExperimentConfig): void {
    if (this.frozen.delete(id)) this.emit();
    if (this.activeId === id) {
      this.store.setConfig(config);
      if (this.wantPlay.get(id) !== false && !this.pageHidden) this.store.play();
    } else this.activate(id, config);
  }
  setWantPlay(id: string, play: boolean): void {
    this.wantPlay.set(id, play);
    if (this.activeId !== id) return;
    if (play && !this.pageHidden) this.store.play();
    else this.store.pause();
  }
  /** Tab hidden: pause; visible again: resume the active figure if the reader wanted it playing. */
  setPageHidden(hidden: boolean): void {
    this.pageHidden = hidden;
    if (this.activeId === null) return;
    if (hidden) this.store.pause();
    else if (this.wantPlay.get(this.activeId) !== false) this.store.play();
  }
  dispose(): void {
    this.store.disconnect();
    this.connected = false;
  }
  private freezeActive(): void {
    const id = this.activeId;
    const v = this.store.getView();
    if (id === null || v.state === 'loading') return;
    const f = this.frozen.get(id);
    const state = v.state === 'playing' ? 'paused' : v.state;
    if (f && f.meta === v.meta && f.rows === v.rows && f.snapshot === v.snapshot && f.step === v.step && f.state === state && f.divergedAt === v.divergedAt) return;
    this.frozen.set(id, { meta: v.meta, rows: v.rows, snapshot: v.snapshot, step: v.step, state, divergedAt: v.divergedAt, wantPlay: false });
  }
  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export type { RunView };
