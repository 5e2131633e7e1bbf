import type { PanelProps } from './types';

// Minimal placeholder; full implementation follows.
export function CorrelationsPanel(props: PanelProps) {
  const empty = props.rows.length === 0;
  return (
    <section className="panel" aria-label="Derivative correlations">
      <h2 className="panel-title">Derivative correlations</h2>
      {empty ? <p className="panel-empty">Press Play to start training</p> : <p className="panel-empty">Step {props.rows[props.rows.length - 1].step}</p>}
    </section>
  );
}
