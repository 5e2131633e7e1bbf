// One labelled form field: the label above, the control (the children, with id `id`), the hint or
// the error under it (id `${id}-hint`, for the control's aria-describedby). SelectField and the
// sweep's number and list fields are built on it.
import type { ReactNode } from 'react';

export interface FieldProps {
  id: string;
  label: string;
  /** Shown under the control; none when undefined. */
  hint?: ReactNode;
  /** The hint is an error message (styled as one). */
  error?: boolean;
  children: ReactNode;
}

export function Field({ id, label, hint, error = false, children }: FieldProps) {
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>{label}</label>
      </div>
      {children}
      {hint !== undefined && (
        <p id={`${id}-hint`} className={error ? 'field-hint field-error' : 'field-hint'}>
          {hint}
        </p>
      )}
    </div>
  );
}
