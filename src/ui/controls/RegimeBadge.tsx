// The regime badge: which mechanism is expected to make this run lazy or rich, from its settings
// alone (src/content/regime.ts). It is labelled as an expectation; the panels show what happens.
import { regimeOf, type RegimeConfig } from '../../content/regime';

export function RegimeBadge({ config, className }: { config: RegimeConfig; className?: string }) {
  const r = regimeOf(config);
  return (
    <details className={`regime-badge regime-${r.kind}${className ? ` ${className}` : ''}`} data-testid="regime-badge" data-regime={r.kind}>
      <summary>
        <span className="regime-tag">expected:</span> <strong className="regime-label">{r.label}</strong>
      </summary>
      <p className="regime-why">
        By theory, not measured: {r.expectation}. The panels show what this run actually does.
      </p>
    </details>
  );
}
