// Turns a clause into the citation the API returns: verbatim text, heading path, plan title, city and viewer link.
import type { Clause, Plan } from '../corpus/types.ts';
import { citationPath } from '../corpus/corpus.ts';
import type { Citation } from './types.ts';

export function toCitation(clause: Clause, plan: Plan): Citation {
  const citation: Citation = {
    id: clause.id,
    city: plan.city,
    document: plan.title,
    path: citationPath(clause),
    text: clause.text,
    url: `/docs/${plan.id}#${clause.id}`,
  };
  if (clause.departments) citation.departments = clause.departments;
  return citation;
}
