// "Embed": choose a panel and copy an <iframe> snippet showing it with the current settings.
import { useId, useState } from 'react';
import { useModalDialog } from '../shared/useModalDialog';
import { Field } from '../controls/Field';
import { SelectField } from '../controls/SelectField';
import { PANELS } from '../panels/registry';
import { panelViews } from '../panels/panelViews';
import { copyText, embedSnippet, embedUrl } from '../shared/share';

export function EmbedCodeDialog({ open, onClose, pageUrl }: { open: boolean; onClose: () => void; pageUrl: string }) {
  const ref = useModalDialog(open);
  const id = useId();
  const [panel, setPanel] = useState(PANELS.find((p) => p.key === 'drift')?.key ?? PANELS[0]!.key);
  const [copied, setCopied] = useState<boolean | null>(null);
  const entry = PANELS.find((p) => p.key === panel) ?? PANELS[0]!;
  // a panel of several plots shows one at a time in an embed: which one it opens on
  const views = panelViews(entry.key);
  const [part, setPart] = useState('');
  const chosen = views.some((v) => v.key === part) ? part : '';
  const code = embedSnippet(pageUrl, entry.key, entry.name, chosen || null);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-t`}
      onClose={() => {
        setCopied(null); // the next opening starts without the old "Copied"
        onClose();
      }}
    >
      <h2 id={`${id}-t`}>Embed one panel</h2>
      <SelectField label="Panel" value={panel} options={PANELS.map((p) => ({ value: p.key, label: p.name }))} onChange={setPanel} />
      {views.length > 0 && (
        <SelectField
          label="Opens on"
          value={chosen}
          options={views.map((v, i) => ({ value: i === 0 ? '' : v.key, label: v.label }))}
          onChange={setPart}
          hint="The embed shows one plot of this panel at a time, with a switch for the others."
        />
      )}
      <Field id={`${id}-c`} label="Embed code (current settings)">
        <textarea id={`${id}-c`} className="embed-code" readOnly rows={4} value={code} onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={() => void copyText(code).then(setCopied)}>
          Copy embed code
        </button>
        <a className="btn btn-small" href={embedUrl(pageUrl, entry.key, chosen || null)} target="_blank" rel="noreferrer">
          Preview
        </a>
        <span role="status" aria-live="polite" className="copied">
          {copied === true ? 'Copied' : copied === false ? 'Copy failed: select the code above and copy it by hand' : ''}
        </span>
        <form method="dialog" className="dialog-close">
          <button type="submit" className="btn btn-small">
            Close
          </button>
        </form>
      </div>
    </dialog>
  );
}
