// One training worker for the whole tour: only the figure the reader is looking at drives it.
// A figure becomes active when it scrolls into view (the most visible one wins) and is paused
// when it leaves the view or the tab is hidden; the others keep a frozen copy of their last run.
import { RunStore, type RunView } from '../useRun';
import type { ExperimentConfig } from '../../state/config';
import type { BackendName } from '../../worker/protocol';

type Listener = () => void;

export class TourRunner {
  readonly store: RunStore;
  private activeId: string | null = null;
  private connected = false;
  private listeners = new Set<Listener>();
  /** Per figure: whether the reader wants it to play (auto-play on first view; Pause clears it). */
  private wantPlay = new Map<string, boolean>();
  private pageHidden = false;

  constructor(initial: ExperimentConfig, forcedBackend: BackendName | null) {
    this.store = new RunStore(initial, forcedBackend);
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getActiveId = (): string | null => this.activeId;

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
  /** Change the active figure's settings (a slider in the figure). */
  setConfig(id: string, config: ExperimentConfig): void {
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
  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export type { RunView };
