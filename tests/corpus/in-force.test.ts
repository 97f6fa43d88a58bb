// A document's force on a day and the newer of two (src/corpus/in-force.ts), on plain values: the dates are those the
// invented fixtures of tests/fixtures/documents state (2023 rules 2023-03-01 … 2027-02-28, 2025 rules from 2025-01-01).
import { describe, expect, it } from 'vitest';
import { documentDate, forceOn, newerOf, outOfForce, withRepeals } from '../../src/corpus/in-force.ts';
import type { Plan } from '../../src/corpus/types.ts';

function doc(id: string, more: Partial<Plan> = {}): Plan {
  return {
    id,
    city: '济宁',
    province: '山东',
    title: id,
    issuer: '',
    docNumber: null,
    issued: null,
    period: '',
    file: '',
    seedFile: '',
    kind: 'rules',
    clauses: [],
    skipped: [],
    warnings: [],
    ...more,
  };
}

const rules2023 = doc('xize', { docNumber: '济残发〔2023〕7号', inForce: { from: '2023-03-01', until: '2027-02-28' } });
const rules2025 = doc('banfa', {
  docNumber: '济残发〔2025〕3号',
  inForce: { from: '2025-01-01', until: '2029-12-31' },
});

describe('the date a document counts from', () => {
  it('is the day it takes effect, else the day issued, else the year of its 文号', () => {
    expect(documentDate(rules2023)).toBe('2023-03-01');
    expect(documentDate(doc('a', { issued: '2021-12-30', docNumber: '济政发〔2021〕9号' }))).toBe('2021-12-30');
    expect(documentDate(doc('b', { docNumber: '济残发〔2024〕12号' }))).toBe('2024');
    expect(documentDate(doc('c'))).toBeNull();
  });
});

describe('the newer of two documents', () => {
  it('is the later one by date, whichever is given first', () => {
    expect(newerOf(rules2023, rules2025)).toBe(rules2025);
    expect(newerOf(rules2025, rules2023)).toBe(rules2025);
  });

  it('compares years only when one document has a year alone, and cannot tell within the same year', () => {
    expect(newerOf(doc('y', { docNumber: '济残发〔2024〕1号' }), rules2023)?.id).toBe('y');
    expect(newerOf(doc('y', { docNumber: '济残发〔2023〕9号' }), rules2023)).toBeNull();
    expect(newerOf(doc('none'), rules2023)).toBeNull();
  });

  it('is the replacing one when staff said so, whatever the dates', () => {
    const replaced = { ...rules2025, supersededBy: 'xize' };
    expect(newerOf(replaced, rules2023)).toBe(rules2023);
  });
});

describe('a document in force on a day', () => {
  it('is in force through the last day of its 有效期至 and out of force the day after', () => {
    expect(forceOn(rules2023, [rules2023], '2027-02-28')).toEqual({ inForce: true });
    expect(forceOn(rules2023, [rules2023], '2027-03-01')).toEqual({
      inForce: false,
      reason: 'expired',
      until: '2027-02-28',
    });
  });

  it('replaced by another is out of force from the day that one takes effect, and names it', () => {
    const replaced = { ...rules2023, supersededBy: 'banfa' };
    const plans = [replaced, rules2025];
    expect(forceOn(replaced, plans, '2024-12-31')).toEqual({ inForce: true });
    expect(forceOn(replaced, plans, '2025-01-01')).toEqual({
      inForce: false,
      reason: 'superseded',
      since: '2025-01-01',
      by: rules2025,
    });
    expect([...outOfForce(plans, '2026-06-01')]).toEqual(['xize']);
  });

  it('replaced by a document no longer served is out of force at once, by an unnamed document', () => {
    const replaced = { ...rules2023, supersededBy: 'gone' };
    expect(forceOn(replaced, [replaced], '2026-06-01')).toEqual({
      inForce: false,
      reason: 'superseded',
      since: null,
      by: null,
    });
  });

  it('without dates or a replacement is in force (the shipped plans)', () => {
    expect(forceOn(doc('jining', { kind: 'plan' }), [], '2030-01-01')).toEqual({ inForce: true });
  });
});

describe('a document another one says it repeals', () => {
  const repealing = {
    ...rules2025,
    inForce: { from: '2025-01-01', until: '2029-12-31', repeals: ['原济残发[2023]7号'] },
  };

  it('is superseded by that one (the 文号 matched whatever its brackets), and out of force from its first day', () => {
    const [old, now] = withRepeals([rules2023, repealing]);
    expect(old?.supersededBy).toBe('banfa');
    expect(now?.supersededBy).toBeUndefined();
    expect(forceOn(old!, [old!, now!], '2025-01-01')).toMatchObject({ inForce: false, since: '2025-01-01' });
  });

  it('keeps the replacement staff named, and is untouched by a document of another city', () => {
    const named = { ...rules2023, supersededBy: 'other' };
    expect(withRepeals([named, repealing])[0]?.supersededBy).toBe('other');
    expect(withRepeals([rules2023, { ...repealing, city: '日照' }])[0]?.supersededBy).toBeUndefined();
  });
});
