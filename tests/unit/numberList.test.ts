// The one comma-separated number-list parser (src/schema/numberList.ts) and its bounds table
// (SWEEP_LISTS in src/schema/sweep.ts): what the URL, the CLI flags and the sweep form accept.
import { describe, expect, it } from 'vitest';
import { describeList, parseNumberList, type ListBounds } from '../../src/schema/numberList';
import { SWEEP_LISTS } from '../../src/schema/sweep';
import { main } from '../../src/cli/main';

const INTS: ListBounds = { name: 'n', integer: true, min: 2, max: 10, minDistinct: 2, maxDistinct: 3, item: 'value', items: 'values', example: '2,4' };

describe('parseNumberList', () => {
  it('reads the values in order, spaces trimmed, duplicates kept', () => {
    expect(parseNumberList(' 4, 2 ,4', INTS)).toEqual([4, 2, 4]);
    expect(parseNumberList('0.5,1,1.5,.25,2e0', SWEEP_LISTS.lrScales)).toEqual([0.5, 1, 1.5, 0.25, 2]);
  });

  it('names the list and the reason in one line', () => {
    expect(() => parseNumberList('2,x', INTS)).toThrow('n="2,x" is not valid: expected comma-separated integers from 2 to 10, e.g. 2,4');
    expect(() => parseNumberList('2,,4', INTS)).toThrow(/expected comma-separated integers/);
    expect(() => parseNumberList('2.5,4', INTS)).toThrow(/expected comma-separated integers/);
    expect(() => parseNumberList('2,11', INTS)).toThrow('n="2,11" is not valid: value 11 is outside 2…10');
    expect(() => parseNumberList('3,3', INTS)).toThrow('n="3,3" is not valid: expected at least 2 distinct values');
    expect(() => parseNumberList('2,3,4,5', INTS)).toThrow('n="2,3,4,5" is not valid: at most 3 values');
    expect(() => parseNumberList('-1,2', INTS)).toThrow(/expected comma-separated integers/);
  });

  it('bounds every sweep list: widths 8…4096, α 1…1000 (at most 12), early-sweep widths and steps', () => {
    expect(describeList(SWEEP_LISTS.widths)).toBe('comma-separated integers from 8 to 4096');
    expect(() => parseNumberList('4,16', SWEEP_LISTS.widths)).toThrow('widths="4,16" is not valid: width 4 is outside 8…4096');
    expect(() => parseNumberList('1,0.5', SWEEP_LISTS.outputScales)).toThrow('output-scales="1,0.5" is not valid: 0.5 is outside 1…1000');
    expect(() => parseNumberList(Array.from({ length: 13 }, (_, i) => i + 1).join(','), SWEEP_LISTS.outputScales)).toThrow(/at most 12 output scales/);
    expect(parseNumberList('1,16384', SWEEP_LISTS.earlyWidths)).toEqual([1, 16384]);
    expect(() => parseNumberList('0', SWEEP_LISTS.earlySteps)).toThrow('at="0" is not valid: 0 is outside 1…1000000');
  });

  it('the CLI reports a bad list flag as a usage error (exit 2) with the flag named', async () => {
    let err = '';
    const code = await main(['early-sweep', '--widths', '64,0'], { stdout: () => {}, stderr: (s) => void (err += s) });
    expect(code).toBe(2);
    expect(err).toBe('error: --widths="64,0" is not valid: 0 is outside 1…16384\n');
  });
});
