// A display formula that is wider than its box (a phone, a panel's Explain popover) wraps at the
// places the TeX itself spaces out — `\qquad` and `\quad` outside braces, the gaps between two
// equations — instead of being cut off; each piece is rendered as its own display formula.
// Pure, unit-tested in tests/unit/formulaPieces.test.ts.

/** The TeX split at top-level `\qquad` / `\quad` (brace depth 0); pieces trimmed, empty ones dropped. */
export function formulaPieces(tex: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i];
    if (ch === '\\') {
      const m = /^\\(qquad|quad)(?![a-zA-Z])/.exec(tex.slice(i));
      if (m && depth === 0) {
        pieces.push(tex.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      } else i++; // an escaped character (\{, \\) or the first letter of a command
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
  }
  pieces.push(tex.slice(start));
  return pieces.map((p) => p.trim()).filter((p) => p !== '');
}
