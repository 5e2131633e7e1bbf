// Comma-separated number lists ("16,64,256", "0.5,1,2"): one parser for the URL parameters, the CLI
// flags and the sweep form; the bounds of each list are one table (SWEEP_LISTS in ./sweep.ts).

export interface ListBounds {
  /** Name in messages: the URL parameter / CLI flag without dashes. */
  name: string;
  /** Whole numbers only. */
  integer: boolean;
  min: number;
  max: number;
  /** At least this many distinct values. */
  minDistinct?: number;
  /** At most this many distinct values. */
  maxDistinct?: number;
  /** One value in messages ("width 3 is outside …"); absent: the number alone. */
  item?: string;
  /** The values in messages ("at most 12 output scales"). */
  items: string;
  /** A valid list, shown when the text is not a list. */
  example?: string;
}

const INTEGER = /^\d+$/;
const DECIMAL = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What a list of these bounds holds, e.g. "comma-separated integers from 8 to 4096" (help texts and messages). */
export function describeList(b: ListBounds): string {
  return `comma-separated ${b.integer ? 'integers' : 'numbers'} from ${b.min} to ${b.max}`;
}

/** The values of a comma-separated list within `b`, in the order given; throws a one-line Error naming `b.name` otherwise. */
export function parseNumberList(raw: string, b: ListBounds): number[] {
  const invalid = (why: string) => new Error(`${b.name}=${JSON.stringify(raw)} is not valid: ${why}`);
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.some((p) => !(b.integer ? INTEGER : DECIMAL).test(p))) throw invalid(`expected ${describeList(b)}${b.example ? `, e.g. ${b.example}` : ''}`);
  const values = parts.map(Number);
  for (const v of values) if (!(v >= b.min && v <= b.max)) throw invalid(`${b.item ? `${b.item} ` : ''}${v} is outside ${b.min}…${b.max}`);
  const distinct = new Set(values).size;
  if (b.minDistinct !== undefined && distinct < b.minDistinct) throw invalid(`expected at least ${b.minDistinct} distinct ${b.items}`);
  if (b.maxDistinct !== undefined && distinct > b.maxDistinct) throw invalid(`at most ${b.maxDistinct} ${b.items}`);
  return values;
}
