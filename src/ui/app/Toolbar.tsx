// Presenter tools in the header: Share (copy this run's link), Embed (iframe code for one panel),
// theme and large-type toggles, and the shortcut list.
import { useEffect, useRef, useState } from 'react';
import type { ThemeChoice } from '../shared/appParams';
import { copyText } from '../shared/share';
import { EmbedCodeDialog } from '../embed/EmbedCodeDialog';

export interface ToolbarProps {
  /** The lab's current query string ("?…" or ""). */
  search: string;
  theme: 'light' | 'dark';
  large: boolean;
  onTheme: (t: ThemeChoice) => void;
  onLarge: (l: boolean) => void;
  onHelp: () => void;
}

export function currentUrl(search: string): string {
  return `${location.origin}${location.pathname}${search}`;
}

export function Toolbar({ search, theme, large, onTheme, onLarge, onHelp }: ToolbarProps) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const [embedOpen, setEmbedOpen] = useState(false);
  const timer = useRef<number | null>(null);
  useEffect(() => () => void (timer.current !== null && clearTimeout(timer.current)), []);
  const url = currentUrl(search);

  const share = async () => {
    const ok = await copyText(url);
    setCopied(ok ? 'ok' : 'failed');
    if (timer.current !== null) clearTimeout(timer.current);
    if (ok) timer.current = window.setTimeout(() => setCopied(null), 2500);
  };

  return (
    <div className="toolbar" role="group" aria-label="Presenter tools">
      <button type="button" className="btn btn-small" onClick={() => void share()}>
        Share
      </button>
      <button type="button" className="btn btn-small" onClick={() => setEmbedOpen(true)}>
        Embed
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={theme === 'dark'}
        onClick={() => onTheme(theme === 'dark' ? 'light' : 'dark')}
        title="Dark or light theme (follows your system until you choose)"
      >
        Dark
      </button>
      <button type="button" className="btn btn-small" aria-pressed={large} onClick={() => onLarge(!large)} title="Large type for projectors">
        Large type
      </button>
      <button type="button" className="btn btn-small" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
      <span className="toolbar-status" role="status" aria-live="polite">
        {copied === 'ok' && <span className="copied">Copied</span>}
      </span>
      {copied === 'failed' && (
        <div className="copy-fallback">
          <label>
            Copy this link:{' '}
            <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} autoFocus size={40} />
          </label>
          <button type="button" className="btn btn-small" onClick={() => setCopied(null)}>
            Done
          </button>
        </div>
      )}
      <EmbedCodeDialog open={embedOpen} onClose={() => setEmbedOpen(false)} pageUrl={url} />
    </div>
  );
}
