// The empty state's message is wrapped to the plot's width (SVG text does not wrap by itself).
import { describe, expect, it } from 'vitest';
import { wrapWords } from '../../src/ui/plots/PlotFrame';

describe('wrapWords', () => {
  it('fills lines greedily up to maxChars, keeps every word in order, never splits a word', () => {
    const text = 'Step 0: the twin is the network itself (gap 0). Press Play to watch them part.';
    const lines = wrapWords(text, 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(' ')).toBe(text);
    expect(lines).toEqual(['Step 0: the twin is the', 'network itself (gap 0). Press', 'Play to watch them part.']);
    expect(wrapWords('supercalifragilistic word', 5)).toEqual(['supercalifragilistic', 'word']);
    expect(wrapWords('  short  ', 40)).toEqual(['short']);
    expect(wrapWords('', 40)).toEqual([]);
  });
});
