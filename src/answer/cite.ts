// Turns a clause into the citation the API returns: verbatim text, heading path, plan title, city and viewer link.
import type { Clause, Plan } from '../corpus/types.ts';
import { citationPath } from '../corpus/corpus.ts';
import type { Citation } from './types.ts';
import { citationSource } from './documents.ts';
import { guideCard, guideField } from '../corpus/guide.ts';

/** A citation with the clause's own number as the parser read it ("2.", "（一）", "专栏2"; null for a paragraph), so
 * front ends need not re-parse it from the text. */
export type NumberedCitation = Citation & { number: string | null };

export function toCitation(clause: Clause, plan: Plan): NumberedCitation {
  const citation: NumberedCitation = {
    id: clause.id,
    number: clause.number,
    city: plan.city,
    document: plan.title,
    path: citationPath(clause),
    text: clause.text,
    // An uploaded version links to itself, so the link still shows this text after a newer version replaces it.
    url: plan.version ? `/docs/${plan.id}/v/${plan.version}#${clause.id}` : `/docs/${plan.id}#${clause.id}`,
    version: plan.version ?? 0,
    kind: plan.kind ?? 'plan',
  };
  if (clause.departments) citation.departments = clause.departments;
  // A rules article or guide field names its kind, 文号 and article (实施细则《…》（济残发〔2023〕7号）第七条).
  const source = citationSource(plan, clause);
  if (source) citation.source = source;
  // A guide field carries the whole guide as a card, so the operator reads out 申请材料 with 办理地点 and 咨询电话.
  if (guideField(clause)) citation.guide = guideCard(plan.clauses);
  return citation;
}
