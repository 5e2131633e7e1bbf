// One batched readback of a record of scalar tensors (GPU readback is the bottleneck: one stack,
// one await, never a dataSync per metric).
import { tf } from '../tf';
import { SCALAR_METRICS, type ScalarMetric } from '../records/runRecords';

export /** Reads a record of scalar tensors back in one batch (one stacked tensor) and disposes them. */
async function readScalars(named: Partial<Record<ScalarMetric, tf.Scalar>>): Promise<Partial<Record<ScalarMetric, number>>> {
  const present = SCALAR_METRICS.flatMap((name) => {
    const t = named[name];
    return t ? [{ name, t }] : [];
  });
  const packed = tf.stack(present.map((p) => p.t));
  tf.dispose(present.map((p) => p.t));
  const v = await packed.data();
  packed.dispose();
  const out: Partial<Record<ScalarMetric, number>> = {};
  present.forEach((p, i) => (out[p.name] = v[i]));
  return out;
}
