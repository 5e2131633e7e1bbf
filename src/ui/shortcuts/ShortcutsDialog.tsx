// The "?" dialog listing the keyboard shortcuts (native <dialog>: focus trap and Esc for free).
import { useModalDialog } from '../shared/useModalDialog';
import { SHORTCUT_LIST } from './keys';

export function ShortcutsDialog({ open, onClose, presets }: { open: boolean; onClose: () => void; presets: readonly string[] }) {
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUT_LIST.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dialog-note">
        Presets: {presets.slice(0, 9).map((p, i) => `${i + 1} ${p}`).join(' · ')}. Keys are ignored while a text field, slider or
        menu has the focus.
      </p>
      <form method="dialog">
        <button type="submit" className="btn btn-primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
