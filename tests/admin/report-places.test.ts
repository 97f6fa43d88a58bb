// Where a report's problem is in the preview (src/admin/report-places.ts): the innermost clause holding its line, else
// the clause it follows; nothing for line 0.
import { describe, expect, it } from 'vitest';
import { placeOf, withPlaces } from '../../src/admin/report-places.ts';

/** A chapter heading (lines 2-2), its article 第一条 (3-4), a table row (6-6) and 第三条 (8-9); lines 5 and 7 in none. */
const CLAUSES = [
  { id: 'x-c1', lines: [2, 2] as [number, number] },
  { id: 'x-a1', lines: [3, 4] as [number, number] },
  { id: 'x-t1', lines: [6, 6] as [number, number] },
  { id: 'x-a3', lines: [8, 9] as [number, number] },
];

describe('placeOf', () => {
  it('names the clause holding the line, the innermost when clauses nest', () => {
    expect(placeOf(CLAUSES, 4)).toBe('x-a1');
    expect(placeOf(CLAUSES, 9)).toBe('x-a3');
    expect(placeOf([{ id: 'outer', lines: [1, 10] }, ...CLAUSES], 6)).toBe('x-t1');
  });

  it('names the clause before a line left out of every clause, the first clause before any, nothing for line 0', () => {
    expect(placeOf(CLAUSES, 5)).toBe('x-a1');
    expect(placeOf(CLAUSES, 7)).toBe('x-t1');
    expect(placeOf(CLAUSES, 1)).toBe('x-c1');
    expect(placeOf(CLAUSES, 0)).toBeNull();
    expect(placeOf([], 3)).toBeNull();
  });
});

describe('withPlaces', () => {
  it('adds the place to errors and warnings that have one, and leaves the rest as they were', () => {
    const report = {
      counts: {
        chapters: 1,
        sections: 0,
        items: 2,
        boxes: 0,
        boxHeadings: 0,
        boxEntries: 0,
        indicators: 1,
        paragraphs: 0,
        departmentAnnotations: 0,
      },
      clauses: 4,
      warnings: [{ line: 0, message: 'a' }],
      errors: [{ line: 8, message: 'b' }],
    };
    expect(withPlaces(report, CLAUSES)).toEqual({
      ...report,
      warnings: [{ line: 0, message: 'a' }],
      errors: [{ line: 8, message: 'b', clause: 'x-a3' }],
    });
  });
});
