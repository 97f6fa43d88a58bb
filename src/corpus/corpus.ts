// The loaded corpus as lookups: plans by id, clauses by id, and a city name or id resolved to its plan.
import type { Clause, Plan } from './types.ts';
import { heading } from './parse.ts';
import { primaryDocuments } from './documents.ts';

export interface Corpus {
  plans: Plan[];
  clause(id: string): Clause | undefined;
  plan(idOrCity: string): Plan | undefined;
  /** Clauses a citation may quote: everything with body text (not bare headings or table headers). */
  citable: Clause[];
  clauseCount: number;
}

/** Builds the lookups once at start-up. `aliases` (plan id → names) adds traditional forms, pinyin, counties. */
export function createCorpus(plans: Plan[], aliases: readonly { planId: string; aliases: string[] }[] = []): Corpus {
  const clauses = new Map<string, Clause>();
  const byKey = new Map<string, Plan>();
  for (const plan of plans) {
    byKey.set(plan.id, plan);
    for (const clause of plan.clauses) clauses.set(clause.id, clause);
  }
  // A city's name stands for its plan, also when rules or guides sit beside it.
  for (const plan of primaryDocuments(plans)) {
    byKey.set(plan.city, plan);
    byKey.set(`${plan.city}市`, plan);
  }
  for (const entry of aliases) {
    const plan = plans.find((p) => p.id === entry.planId);
    if (plan)
      for (const alias of entry.aliases) if (!byKey.has(alias.toLowerCase())) byKey.set(alias.toLowerCase(), plan);
  }
  const citable = plans.flatMap((plan) => plan.clauses.filter(isCitable));
  return {
    plans,
    clause: (id) => clauses.get(id),
    plan: (key) => byKey.get(key.trim()) ?? byKey.get(key.normalize('NFKC').trim().toLowerCase()),
    citable,
    clauseCount: clauses.size,
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
