import type { PanelProps } from './types';

// Minimal placeholder; full implementation follows.
export function PairPanel(props: PanelProps) {
  const empty = props.rows.length === 0;
  return (
    <section className="panel" aria-label="Pair matrix">
      <h2 className="panel-title">{"𝔆^{0,2} pair matrix"}</h2>
      {empty ? <p className="panel-empty">Press Play to start training</p> : <p className="panel-empty">Step {props.rows[props.rows.length - 1].step}</p>}
    </section>
  );
}
