// Whether a document is in force on a given day, and which of two documents is the newer: what answers and /admin
// read from a document's dates (施行, 有效期至, issued, the year of its 文号) and from staff saying one replaces another.
import type { Plan } from './types.ts';

/** What a document's force is read from: its own dates and the document staff said replaces it. */
export type Dated = Pick<Plan, 'id' | 'city' | 'title' | 'docNumber' | 'inForce' | 'supersededBy'>;

/** A document's standing on a day: in force, or out of force since when (null: not known) and replaced by what. */
export type ForceState<T extends Dated = Plan> =
  | { inForce: true }
  | { inForce: false; reason: 'expired'; until: string }
  | { inForce: false; reason: 'superseded'; since: string | null; by: T | null };

/** The year in a 文号 (济残发〔2023〕7号 → 2023), or null. */
function docNumberYear(docNumber: string | null): string | null {
  return /[〔［[(（]\s*((?:19|20)\d\d)\s*[〕］\])）]/.exec(docNumber ?? '')?.[1] ?? null;
}

/**
 * The date a document counts from, for telling the newer of two: the day it takes effect (自…起施行), else the day it
 * was issued, else the year of its 文号 (a year alone: YYYY). null when it states none of them.
 */
export function documentDate(plan: Plan): string | null {
  return plan.inForce?.from ?? plan.issued ?? docNumberYear(plan.docNumber);
}

/**
 * Which of `a` and `b` is the newer: the one that replaces the other (staff said so), else the one whose documentDate is
 * later (compared by year only when either has a year alone); null when that cannot be told (no date, the same date).
 */
export function newerOf(a: Plan, b: Plan): Plan | null {
  if (a.supersededBy === b.id) return b;
  if (b.supersededBy === a.id) return a;
  let da = documentDate(a);
  let db = documentDate(b);
  if (!da || !db) return null;
  if (da.length === 4 || db.length === 4) [da, db] = [da.slice(0, 4), db.slice(0, 4)];
  if (da === db) return null;
  return da > db ? a : b;
}

/**
 * Where `plan` stands on `today` (YYYY-MM-DD) among the served `plans`. Replaced by another document: out of force from
 * the day that one takes effect (at once when it states no day; a replacement not yet in effect leaves it in force).
 * Its 有效期至 (or the date staff set) before today: out of force after that day. Otherwise in force.
 */
export function forceOn<T extends Dated>(plan: T, plans: readonly T[], today: string): ForceState<T> {
  if (plan.supersededBy) {
    const by = plans.find((p) => p.id === plan.supersededBy) ?? null;
    const since = by?.inForce?.from ?? null;
    if (!since || since <= today) return { inForce: false, reason: 'superseded', since, by };
  }
  const until = plan.inForce?.until;
  if (until && until < today) return { inForce: false, reason: 'expired', until };
  return { inForce: true };
}

/** The ids of the served documents out of force on `today`. */
export function outOfForce(plans: readonly Plan[], today: string): Set<string> {
  return new Set(plans.filter((p) => !forceOn(p, plans, today).inForce).map((p) => p.id));
}

/** A 文号 with its brackets made one kind (济残发[2023]7号 = 济残发〔2023〕7号) and no spaces. */
function numberKey(docNumber: string): string {
  return docNumber
    .replace(/\s+/g, '')
    .replace(/[［[(（]/g, '〔')
    .replace(/[］\])）]/g, '〕');
}

/**
 * The documents with each one that another document of its city says it repeals (…（济残发〔2023〕7号）同时废止)
 * marked superseded by that one, unless staff already named what replaces it.
 */
export function withRepeals<T extends Dated>(docs: readonly T[]): T[] {
  return docs.map((doc) => {
    if (doc.supersededBy || !doc.docNumber) return doc;
    const key = numberKey(doc.docNumber);
    const by = docs.find(
      (other) =>
        other !== doc &&
        other.city === doc.city &&
        (other.inForce?.repeals ?? []).some((cited) => numberKey(cited).endsWith(key)),
    );
    return by ? { ...doc, supersededBy: by.id } : doc;
  });
}
