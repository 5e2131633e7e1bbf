// A comma-separated list of numbers (output scales α, learning-rate scales c): empty = not set. Commits
// only valid lists (parsed by the sweep schema's parser), else shows why and keeps the last valid one.
import { useId, useState } from 'react';
import { Field } from '../controls/Field';

export interface NumberListFieldProps {
  label: string;
  value: number[] | null;
  disabled: boolean;
  placeholder: string;
  /** The hint under the field when the text is valid. */
  hint: string;
  /** What is kept when the text is invalid and nothing was set. */
  fallbackText: string;
  parse: (raw: string) => number[];
  onCommit: (v: number[] | null) => void;
}

export function NumberListField({ label, value, disabled, placeholder, hint, fallbackText, parse, onCommit }: NumberListFieldProps) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value ? value.join(',') : '');
  let error: string | null = null;
  if (shown.trim() !== '') {
    try {
      parse(shown);
    } catch (e) {
      error = (e as Error).message;
    }
  }
  return (
    <Field id={id} label={label} error={error !== null} hint={error ? `${error}; keeping ${value ? value.join(',') : fallbackText}.` : hint}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={shown}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          if (t.trim() === '') onCommit(null);
          else {
            try {
              onCommit(parse(t));
            } catch {
              // shown below; the last valid list stays
            }
          }
        }}
        onBlur={() => setText(null)}
      />
    </Field>
  );
}
