// Plans resident on demand: loaded when needed, the least recently used dropped beyond the budget, loads off the request
// path shared, and a part that cannot be read back never dropped.
import { describe, expect, it } from 'vitest';
import { createResidency } from '../../src/search/residency.ts';

/** Parts that say which load made them; every part counts 10 bytes. */
function parts(budgetBytes: number, evictable = true) {
  const made: string[] = [];
  const residency = createResidency<{ id: string; how: string }>({
    ids: ['a', 'b', 'c', 'd'],
    budgetBytes,
    sizeOf: () => 10,
    evictable,
    loadSync: (id) => {
      made.push(`${id}:sync`);
      return { id, how: 'sync' };
    },
    loadAsync: async (id) => {
      made.push(`${id}:async`);
      await new Promise((resolve) => setImmediate(resolve));
      return { id, how: 'async' };
    },
  });
  return { residency, made };
}

describe('plan residency', () => {
  it('loads a part when first asked for and keeps it while the budget has room', () => {
    const { residency, made } = parts(30);
    expect(residency.get('a')?.how).toBe('sync');
    expect(residency.get('a')?.how).toBe('sync');
    expect(made).toEqual(['a:sync']);
    expect(residency.stats()).toEqual({ resident: 1, bytes: 10, loads: 1, drops: 0 });
  });

  it('drops the least recently asked part beyond the budget, and loads it again when asked', () => {
    const { residency, made } = parts(20);
    residency.get('a');
    residency.get('b');
    residency.get('a'); // b is now the least recently asked
    residency.get('c');
    expect(['a', 'b', 'c'].map((id) => residency.has(id))).toEqual([true, false, true]);
    residency.get('b');
    expect(made).toEqual(['a:sync', 'b:sync', 'c:sync', 'b:sync']);
    expect(residency.stats()).toMatchObject({ resident: 2, loads: 4, drops: 2 });
  });

  it('prepares parts off the request path once, however many requests wait for them', async () => {
    const { residency, made } = parts(40);
    await Promise.all([residency.prepare(['a', 'b']), residency.prepare(['b']), residency.prepare(['zz'])]);
    expect(made).toEqual(['a:async', 'b:async']);
    expect(residency.get('b')?.how).toBe('async');
  });

  it('warms parts in order while the budget has room, then stops', async () => {
    const { residency } = parts(20);
    expect([await residency.warm(), await residency.warm(), await residency.warm()]).toEqual([true, false, false]);
    expect(['a', 'b', 'c', 'd'].map((id) => residency.has(id))).toEqual([true, true, false, false]);
  });

  it('never drops a part it could not read back', () => {
    const { residency } = parts(10, false);
    for (const id of ['a', 'b', 'c', 'd']) residency.get(id);
    expect(residency.stats()).toMatchObject({ resident: 4, drops: 0 });
  });
});
