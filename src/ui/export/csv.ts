// CSV (RFC 4180) from rows: one header line, then one line per row. Fields with a comma, quote,
// CR/LF or surrounding spaces are quoted with doubled inner quotes; missing and non-finite numbers
// are empty fields; numbers keep full precision (String(x) round-trips a float64).

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field. null, undefined, NaN and ±Infinity become the empty field. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Keys of plain-object rows in first-seen order (the union over all rows). */
export function columnsOf(rows: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** Columns that read the same-named property of each row. */
export function keyColumns<Row extends object>(keys: readonly string[]): CsvColumn<Row>[] {
  return keys.map((k) => ({ header: k, value: (r: Row) => (r as Record<string, unknown>)[k] }));
}

/** The CSV text (CRLF line ends, trailing CRLF). Without columns, every key of the rows. */
export function toCsv<Row extends object>(rows: readonly Row[], columns?: readonly CsvColumn<Row>[]): string {
  const cols = columns ?? keyColumns<Row>(columnsOf(rows));
  const lines = [cols.map((c) => csvField(c.header)).join(',')];
  for (const r of rows) lines.push(cols.map((c) => csvField(c.value(r))).join(','));
  return lines.join('\r\n') + '\r\n';
}
