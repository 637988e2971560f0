import { describe, expect, it } from 'vitest';
import { codesToIssue, freeCodes } from './codes';

const lot = { codes: ['SN-1', 'SN-2', 'SN-3', 'SN-4'], allocations: [{ codes: ['SN-2'] }, { codes: [] }] };

describe('issuing from a lot with codes', () => {
  it('offers the codes no allocation issued, in the lot’s order', () => {
    expect(freeCodes(lot)).toEqual(['SN-1', 'SN-3', 'SN-4']);
    expect(freeCodes({ codes: [], allocations: [] })).toEqual([]);
  });

  it('issues the codes picked, else the first free ones for a count, and never fewer than asked for', () => {
    const free = freeCodes(lot);
    expect(codesToIssue(free, ['SN-4'], 3, true)).toEqual(['SN-4']);
    expect(codesToIssue(free, [], 2, true)).toEqual(['SN-1', 'SN-3']);
    expect(codesToIssue(free, [], 4, true)).toBeUndefined();
    expect(codesToIssue([], [], 5, false)).toEqual([]);
  });
});
