// The mnist data set at a glance: a grid of sampled training digits with their ±1 targets, and the
// network's and the linear twin's predictions on the first test digits (snapshot.fTestSample).
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { DigitImage } from './DigitImage';
import { className } from './digitLabels';
import { EMPTY_MESSAGE, PANELS } from '../../content/explanations';
import { usePanelView } from './ViewSwitch';
import { DigitGridBox, TEST_CELL, TRAIN_CELL } from './DigitGridBox';

const TRAIN_SHOWN = 16;

const fmt = (v: number) => (Number.isFinite(v) ? (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(2) : '—');

export function DigitsPanel({ meta, snapshot }: PanelProps) {
  const text = PANELS.digits;
  // In a small box (embed) one grid at a time, its digits as large as the box allows.
  const [one, viewSwitch] = usePanelView('digits', text.title);
  const show = (k: string) => one === null || one === k;
  if (!meta) {
    return (
      <PanelFrame id="digits" text={text}>
        <p className="plot-note">{EMPTY_MESSAGE}</p>
      </PanelFrame>
    );
  }
  if (meta.config.dataset !== 'mnist') {
    return (
      <PanelFrame id="digits" text={text}>
        <p className="plot-note">This panel applies to the mnist data set only (choose it under Data set).</p>
      </PanelFrame>
    );
  }
  const { inputDim: d, xTrain, yTrain, xTest, yTest } = meta.dataset;
  const res = Math.round(Math.sqrt(d));
  const digits = meta.config.digits;
  const nTrain = Math.min(TRAIN_SHOWN, yTrain.length);
  const f = snapshot?.fTestSample;
  const fLin = snapshot?.fLinTestSample;
  const nTest = f ? Math.min(f.length, yTest.length) : 0;
  const right = f ? Array.from({ length: nTest }, (_, i) => Math.sign(f[i]) === Math.sign(yTest[i])).filter(Boolean).length : 0;
  return (
    <PanelFrame
      id="digits"
      text={text}
      controls={viewSwitch}
      footer={snapshot ? <span className="plot-note">snapshot at step {snapshot.step}</span> : undefined}
    >
      {show('train') && (
        <>
      <h3 className="digits-heading">Training digits ({digits}, {res}×{res})</h3>
      <DigitGridBox n={nTrain} cell={TRAIN_CELL} fit={one !== null} className="digits-grid" testId="digits-train">
        {(size) =>
          Array.from({ length: nTrain }, (_, i) => {
          const name = className(digits, yTrain[i]);
          return (
            <li key={i} className="digit-cell">
              <DigitImage pixels={xTrain.subarray(i * d, (i + 1) * d)} res={res} size={size} label={`Training digit ${i + 1}: class ${name}, target ${yTrain[i] > 0 ? '+1' : '−1'}`} />
              <span className="digit-caption">
                {name} ({yTrain[i] > 0 ? '+1' : '−1'})
              </span>
            </li>
          );
          })
        }
      </DigitGridBox>
        </>
      )}
      {show('test') && (
        <>
      <h3 className="digits-heading">
        Test digits{f ? ` — network right on ${right} of ${nTest}` : ''}
      </h3>
      {!f || !fLin ? (
        <p className="plot-note">Predictions appear with the first snapshot.</p>
      ) : (
        <DigitGridBox n={nTest} cell={TEST_CELL} fit={one !== null} className="digits-grid digits-test" testId="digits-test">
          {(size) => Array.from({ length: nTest }, (_, i) => {
            const truth = className(digits, yTest[i]);
            const pred = className(digits, f[i]);
            const ok = Math.sign(f[i]) === Math.sign(yTest[i]);
            const linOk = Math.sign(fLin[i]) === Math.sign(yTest[i]);
            return (
              <li key={i} className={`digit-cell ${ok ? 'digit-right' : 'digit-wrong'}`} data-f={f[i]} data-flin={fLin[i]}>
                <DigitImage pixels={xTest.subarray(i * d, (i + 1) * d)} res={res} size={size} label={`Test digit ${i + 1}: class ${truth}; network predicts ${pred} (f = ${fmt(f[i])}), ${ok ? 'right' : 'wrong'}`} />
                <span className="digit-caption">
                  <span className="digit-verdict">{ok ? '✓' : '✗'} {pred}</span>
                  <span title="network f(x)">f {fmt(f[i])}</span>
                  <span title="linear twin f_lin(x)" className={linOk ? undefined : 'digit-lin-wrong'}>
                    lin {fmt(fLin[i])}
                  </span>
                </span>
              </li>
            );
          })}
        </DigitGridBox>
      )}
        </>
      )}
    </PanelFrame>
  );
}
