// Wire-independent types of a question and its answer (the shape of POST /api/ask, see docs/architecture.md).
import type { Departments, PlanKind } from '../corpus/types.ts';
import type { GuideCardField } from '../corpus/guide.ts';

export type Mode = 'standard' | 'easy';
export type Intent = 'entitlement' | 'eligibility' | 'indicator' | 'department' | 'compare' | 'other';

export interface AskRequest {
  question: string;
  /** City name or id, already validated by the caller. */
  city?: string | null;
  /** Earlier user turns, oldest first. */
  history?: string[];
  mode?: Mode;
}

export interface Citation {
  id: string;
  city: string;
  document: string;
  path: string[];
  text: string;
  url: string;
  departments?: Departments;
  /** The plan version the clause was quoted from (0: the shipped text) and what kind of document it is (set by cite.ts). */
  version?: number;
  kind?: PlanKind;
  /** For a document that is no plan: its kind, title, 文号 and article or field (实施细则《…》（…号）第七条). */
  source?: string;
  /** When the clause is a service guide's field: the guide's fields to read out (事项名称, 申请材料 …, set by cite.ts). */
  guide?: GuideCardField[];
}

export interface AskResponse {
  answered: boolean;
  answer: string;
  city: string | null;
  intent: Intent;
  confidence: number;
  citations: Citation[];
  suggestions: string[];
  /**
   * Set when the question named no place and there are more plans than a list can read out: the answer asks where the
   * resident lives, and these are the places offered (src/answer/router.ts).
   */
  places?: string[];
}

/**
 * What a question is about, read by the query analysis for the staff insight page: its main concept, the question
 * without places and punctuation (so "济宁…" and "…" count as one), and the fact it asks for (amount, time, …).
 */
export interface QuestionTopic {
  topic: string | null;
  key: string;
  asked: string | null;
}

export type TopicFn = (question: string) => QuestionTopic;

/** The one function every front end (HTTP, voice, CLI, eval) calls. */
export type AskFn = (request: AskRequest) => AskResponse;

/** One result of the operator search (GET /api/search): a clause as a citation, its score and the words it matched. */
export interface SearchHit extends Citation {
  score: number;
  /** The words (incl. plan terms of everyday words) the clause matched, for marking them in results. */
  terms: string[];
}

export type SearchFn = (query: string, options: { city: string | null; limit: number }) => SearchHit[];
