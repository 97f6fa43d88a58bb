// A city's documents side by side: its plan (the one a city name resolves to) and its rules, guides and notices.
import type { Plan, PlanKind } from './types.ts';

/** What staff and residents call each kind of document. */
export const KIND_NAMES: Record<PlanKind, string> = {
  plan: '规划',
  rules: '实施细则',
  guide: '办事指南',
  notice: '通知',
};

/**
 * The document each city's name stands for, in the order of `plans`: its first plan, else its first document. A city
 * with rules beside its plan is still 济宁 → jining, so places, the UI's city and /api/cities stay one per city.
 */
export function primaryDocuments(plans: readonly Plan[]): Plan[] {
  const byCity = new Map<string, Plan>();
  for (const plan of plans) {
    const seen = byCity.get(plan.city);
    if (!seen || ((seen.kind ?? 'plan') !== 'plan' && (plan.kind ?? 'plan') === 'plan')) byCity.set(plan.city, plan);
  }
  return plans.filter((plan) => byCity.get(plan.city) === plan);
}

/** Each document's city and each city's documents, by corpus (a national corpus has thousands: no scan per question). */
const citiesOf = new WeakMap<readonly Plan[], { city: Map<string, string>; ids: Map<string, string[]> }>();

/** `planIds` with every other document of the same cities (null, all cities, stays null). */
export function withCompanions(plans: readonly Plan[], planIds: readonly string[] | null): readonly string[] | null {
  if (!planIds) return null;
  let lookup = citiesOf.get(plans);
  if (!lookup) {
    lookup = { city: new Map(), ids: new Map() };
    for (const plan of plans) {
      lookup.city.set(plan.id, plan.city);
      const ids = lookup.ids.get(plan.city);
      if (ids) ids.push(plan.id);
      else lookup.ids.set(plan.city, [plan.id]);
    }
    citiesOf.set(plans, lookup);
  }
  const { city, ids } = lookup;
  const cities = new Set(planIds.flatMap((id) => city.get(id) ?? []));
  const more = [...cities].flatMap((c) => ids.get(c) ?? []).filter((id) => !planIds.includes(id));
  return more.length > 0 ? [...planIds, ...more] : planIds;
}

/** A city's documents other than its plan, as /api/cities lists them. */
export function documentsOf(
  plans: readonly Plan[],
  city: string,
): { id: string; kind: PlanKind; title: string; docNumber: string | null }[] {
  const primary = primaryDocuments(plans).find((p) => p.city === city);
  return plans
    .filter((p) => p.city === city && p !== primary)
    .map((p) => ({ id: p.id, kind: p.kind ?? 'plan', title: p.title, docNumber: p.docNumber }));
}
