// Notices about the URL (rejected settings) and errors from the worker: visible, announced,
// dismissible, never a blank page.
export interface Notice {
  id: string | number;
  text: string;
  kind: 'notice' | 'error';
}

export function Notices({ items, onDismiss }: { items: Notice[]; onDismiss: (id: Notice['id']) => void }) {
  if (items.length === 0) return null;
  return (
    <div className="notices">
      {items.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
          data-testid={n.kind === 'error' ? 'error' : 'notice'}
        >
          <span className="notice-icon" aria-hidden="true">
            {n.kind === 'error' ? '⚠' : 'ℹ'}
          </span>
          <span className="notice-text">{n.text}</span>
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
