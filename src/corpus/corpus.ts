// The loaded corpus as lookups: plans by id, clauses by id, and a city name or id resolved to its plan.
import type { Clause, Plan } from './types.ts';
import { heading } from './parse.ts';
import { primaryDocuments } from './documents.ts';

export interface Corpus {
  plans: Plan[];
  clause(id: string): Clause | undefined;
  plan(idOrCity: string): Plan | undefined;
  /**
   * Clauses a citation may quote: everything with body text (not bare headings or table headers). Reads every plan's
   * clauses: tools and tests; the service reads a plan's own (`citableOf`) when it needs them.
   */
  citable: Clause[];
  clauseCount: number;
}

/** A plan's clauses a citation may quote. */
export const citableOf = (plan: Plan): Clause[] => plan.clauses.filter(isCitable);

/** Clauses by id, made once per clauses array (a plan read back from the cache may read its clauses again). */
const lookups = new WeakMap<readonly Clause[], Map<string, Clause>>();

/** The clause of this id among `clauses` (one plan's), through a lookup made the first time they are looked in. */
export function clauseIn(clauses: readonly Clause[], id: string): Clause | undefined {
  let byId = lookups.get(clauses);
  if (!byId) lookups.set(clauses, (byId = new Map(clauses.map((clause) => [clause.id, clause]))));
  return byId.get(id);
}

/**
 * Builds the lookups once at start-up without reading any plan's clauses (a plan read back from the parsed-corpus cache
 * reads them when first used). `aliases` (plan id → names) adds traditional forms, pinyin, counties.
 */
export function createCorpus(plans: Plan[], aliases: readonly { planId: string; aliases: string[] }[] = []): Corpus {
  const byKey = new Map<string, Plan>();
  const byId = new Map<string, Plan>();
  for (const plan of plans) {
    byKey.set(plan.id, plan);
    byId.set(plan.id, plan);
  }
  // A city's name stands for its plan, also when rules or guides sit beside it.
  for (const plan of primaryDocuments(plans)) {
    byKey.set(plan.city, plan);
    byKey.set(`${plan.city}市`, plan);
  }
  for (const entry of aliases) {
    const plan = byId.get(entry.planId);
    if (plan)
      for (const alias of entry.aliases) if (!byKey.has(alias.toLowerCase())) byKey.set(alias.toLowerCase(), plan);
  }
  let citable: Clause[] | undefined;
  return {
    plans,
    // A clause id starts with its plan's id (jining-3-1-2, shuangyashan-box2-1-3): the longest plan id it starts with.
    clause(id) {
      for (let at = id.lastIndexOf('-'); at > 0; at = id.lastIndexOf('-', at - 1)) {
        const plan = byId.get(id.slice(0, at));
        const clause = plan && clauseIn(plan.clauses, id);
        if (clause) return clause;
      }
      return undefined;
    },
    plan: (key) => byKey.get(key.trim()) ?? byKey.get(key.normalize('NFKC').trim().toLowerCase()),
    get citable() {
      return (citable ??= plans.flatMap(citableOf));
    },
    clauseCount: plans.reduce((sum, plan) => sum + (plan.clauseCount ?? plan.clauses.length), 0),
  };
}

/** A bare heading (chapter, box title, heading-only section) is context, not something to quote. */
export function isCitable(clause: Clause): boolean {
  if (clause.kind === 'chapter' || clause.kind === 'box' || clause.kind === 'box-heading') return false;
  if (clause.kind === 'section')
    return clause.text.replace(/\s+/g, '').length > heading(clause).replace(/\s+/g, '').length + 2;
  return true;
}

/** The heading path of a citation: the ancestors' headings and the clause's own. */
export function citationPath(clause: Clause): string[] {
  return clause.kind === 'paragraph' ? clause.path : [...clause.path, heading(clause)];
}
