// The one ask flow every channel goes through (POST /api/ask and /api/feedback, /ws/voice, the phone line): city
// resolution through the corpus, the answer, recording what went unanswered, feedback, and the log line. Channels hand
// it values their schema already parsed (src/ask/schema.ts); heard speech comes in through `transcript`.
import type { Corpus } from '../corpus/corpus.ts';
import type { AskFn, AskRequest, AskResponse, TopicFn } from '../answer/types.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { redact, type AskedContext, type FeedbackRecord, type RecordStore } from '../records.ts';
import { charCount, cleanText, createSchemas, type AskBody, type Limits, type Schemas } from './schema.ts';

/** Where a question came from (a log field; never anything that identifies the person). */
export type Channel = 'http' | 'voice' | 'phone';

/** What the flow reads at the moment of each question: the plans served now (they change when staff publish). */
export interface CurrentPlans {
  ask: AskFn;
  corpus: Corpus;
  /** Resolves when the plans a request is about are in memory (a national corpus keeps only some; see residency.ts). */
  prepare?: (request: AskRequest) => Promise<void>;
  /** The query analysis' reading of a question for the insight page (absent: the records keep no topic). */
  topic?: TopicFn;
}

/**
 * An answer below this confidence is listed on the staff insight page as answered with low confidence (the engine
 * declines below TUNING.minConfidence, 0.45; between the two, the answer stands but is weakly supported).
 */
export const LOW_CONFIDENCE = 0.5;

/** What the insight page keeps of a question: its topic and key (from the redacted text) and the versions live. */
export function askedContext(plans: CurrentPlans, question: string, city: string | null): AskedContext | undefined {
  if (!plans.topic) return undefined;
  const read = plans.topic(redact(question));
  const versions = plans.corpus.plans
    .filter((p) => city === null || p.city === city)
    .map((p) => ({ id: p.id, version: p.version ?? 0 }));
  return { ...read, versions };
}

/** The city of the clauses a feedback names (null when none, or when they are of several cities). */
function citedCity(corpus: Corpus, ids: readonly string[]): string | null {
  const cities = new Set(ids.map((id) => corpus.clause(id)?.planId).map((p) => (p ? corpus.plan(p)?.city : null)));
  return cities.size === 1 ? ([...cities][0] ?? null) : null;
}

export interface AskFlowDeps {
  limits: Limits;
  current: () => CurrentPlans;
  records: Pick<RecordStore, 'feedback' | 'unanswered'>;
  log: Logger;
}

export interface AskFlow {
  readonly schemas: Schemas;
  readonly limits: Limits;
  /** A city name, id or alias (济寧, jining, 济宁市) → the city's name; null for none; UNKNOWN_CITY otherwise. */
  city(value: string | null | undefined): string | null;
  /** Answers a parsed request, records it when unanswered, logs it. AppError for an unknown city. */
  answer(request: AskBody, channel: Channel): AskResponse;
  /**
   * Resolves when the plans the request is about are in memory, so `answer` does not load them on the request path
   * (never rejects: `answer` reports what is wrong with the request).
   */
  ready(request: AskBody): Promise<void>;
  /** Heard speech as a question: cleaned, cut to the question limit (a recogniser cannot be asked to be brief). */
  transcript(text: string): string | null;
  /**
   * Keeps feedback for staff; resolves false when the records database could not take it (logged), and rejects with
   * STORE_UNAVAILABLE when the shared database (PostgreSQL) does not answer.
   */
  feedback(record: FeedbackRecord, channel: Channel): Promise<boolean>;
}

/** Cities an UNKNOWN_CITY message names at most. */
const CITIES_NAMED = 12;

export function createAskFlow(deps: AskFlowDeps): AskFlow {
  const { limits, log } = deps;
  const schemas = createSchemas(limits);

  const city = (value: string | null | undefined): string | null => {
    const wanted = value ? cleanText(value) : '';
    if (wanted === '') return null;
    const { corpus } = deps.current();
    const plan = corpus.plan(wanted) ?? corpus.plan(wanted.replace(/市$/, ''));
    if (plan) return plan.city;
    // A national corpus has thousands of cities: the message names the first ones, as a list a person can read.
    const names = corpus.plans
      .slice(0, CITIES_NAMED)
      .map((p) => p.city)
      .join('、');
    const more = corpus.plans.length > CITIES_NAMED ? `等${corpus.plans.length}个城市` : '';
    throw new AppError('UNKNOWN_CITY', `没有这个城市的规划：可选 ${names}${more}。`);
  };

  const record = (table: 'unanswered', write: () => void): boolean => {
    // The resident gets the answer even when the records database cannot take the row (disk full, locked too long).
    try {
      write();
      return true;
    } catch (error) {
      log.error('records_write_failed', { table, name: (error as Error).name });
      return false;
    }
  };

  return {
    schemas,
    limits,
    city,
    answer(request, channel) {
      const started = performance.now();
      const asked = { ...request, city: city(request.city) };
      const plans = deps.current();
      const response = plans.ask(asked);
      const low = response.answered && response.confidence < LOW_CONFIDENCE && response.citations.length > 0;
      // "Which place?" is a question back, not a gap in the plans.
      if ((!response.answered && !response.places) || low) {
        const where = response.city ?? asked.city;
        record('unanswered', () =>
          deps.records.unanswered({
            question: request.question,
            city: where,
            outcome: low ? 'low' : 'unanswered',
            context: askedContext(plans, request.question, where),
          }),
        );
      }
      log.info('ask', {
        channel,
        intent: response.intent,
        answered: response.answered,
        city: response.city,
        citations: response.citations.length,
        ms: Math.round((performance.now() - started) * 100) / 100,
      });
      return response;
    },
    async ready(request) {
      const { prepare } = deps.current();
      if (!prepare) return;
      try {
        await prepare({ ...request, city: city(request.city) });
      } catch {
        // answer() reports an unknown city; a part that failed to load is loaded again on the request path
      }
    },
    transcript(text) {
      const cleaned = cleanText(text);
      if (cleaned === '') return null;
      return charCount(cleaned) > limits.questionChars ? [...cleaned].slice(0, limits.questionChars).join('') : cleaned;
    },
    async feedback(entry, channel) {
      let ok: boolean;
      try {
        const plans = deps.current();
        const city = citedCity(plans.corpus, entry.citationIds);
        await deps.records.feedback({ ...entry, city, context: askedContext(plans, entry.question, city) });
        ok = true;
      } catch (error) {
        log.error('records_write_failed', { table: 'feedback', name: (error as Error).name });
        if (error instanceof AppError) throw error;
        ok = false;
      }
      if (ok) log.info('feedback', { channel, rating: entry.rating, citations: entry.citationIds.length });
      return ok;
    },
  };
}
