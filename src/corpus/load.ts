// The one corpus loader: reads corpus/manifest.json and parses every plan it lists. At start-up (loadPlans) a broken
// plan is skipped with a warning naming file and line and a broken manifest stops start-up; loadCorpus (tools, tests)
// stops at the first fault. Every fault is a CorpusError with its file, line and code.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.ts';
import type { Plan, PlanMeta } from './types.ts';
import { parsePlan } from './parse.ts';
import { CorpusError } from './corpus-error.ts';
import { cachedForCorpus, type Outcome } from './plan-cache.ts';

export { CorpusError };

const REQUIRED: (keyof PlanMeta)[] = ['id', 'city', 'province', 'title', 'issuer', 'period', 'file'];

/** Reads and validates corpus/manifest.json. */
export function readManifest(dir: string): PlanMeta[] {
  const file = path.join(dir, 'manifest.json');
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CorpusError(
      'MANIFEST_UNREADABLE',
      file,
      null,
      `corpus: cannot read ${file}: ${(error as Error).message}`,
    );
  }
  const plans = (data as { plans?: unknown }).plans;
  if (!Array.isArray(plans) || plans.length === 0) {
    throw new CorpusError('MANIFEST_INVALID', file, null, `corpus: ${file} has no "plans" list`);
  }
  const seen = new Set<string>();
  return plans.map((entry: Record<string, unknown>, index) => {
    for (const key of REQUIRED) {
      if (typeof entry[key] !== 'string' || (entry[key] as string).trim() === '') {
        throw new CorpusError(
          'MANIFEST_INVALID',
          file,
          null,
          `corpus: ${file} plans[${index}] needs a non-empty string "${key}"`,
        );
      }
    }
    const id = entry.id as string;
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(id))
      throw new CorpusError(
        'MANIFEST_INVALID',
        file,
        null,
        `corpus: ${file} plans[${index}] id "${id}" is not URL-safe`,
      );
    if (seen.has(id)) {
      const line = manifestLine(fs.readFileSync(file, 'utf8'), id, 2);
      throw new CorpusError(
        'DUPLICATE_PLAN_ID',
        file,
        line,
        `corpus: ${file}:${line} lists plan id "${id}" a second time; give each plan its own id.`,
      );
    }
    seen.add(id);
    return {
      id,
      city: entry.city as string,
      province: entry.province as string,
      title: entry.title as string,
      issuer: entry.issuer as string,
      docNumber: typeof entry.docNumber === 'string' ? entry.docNumber : null,
      issued: typeof entry.issued === 'string' ? entry.issued : null,
      period: entry.period as string,
      file: entry.file as string,
      seedFile: typeof entry.seedFile === 'string' ? entry.seedFile : (entry.file as string),
    };
  });
}

/** Parses one plan file. Throws CorpusError when the file is missing or yields no clauses. */
export function loadPlan(dir: string, meta: PlanMeta): Plan {
  return parseSource(path.join(dir, meta.file), readPlan(path.join(dir, meta.file)), meta);
}

function readPlan(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CorpusError('PLAN_UNREADABLE', file, null, `corpus: cannot read ${file}: ${(error as Error).message}`);
  }
}

function parseSource(file: string, source: string, meta: PlanMeta): Plan {
  const result = parsePlan(source, meta);
  if (result.clauses.length === 0) {
    throw new CorpusError('NO_CLAUSES', file, 1, `corpus: ${file}:1 yields no clauses (empty or not a plan)`);
  }
  return { ...meta, ...result };
}

/** Loads every plan of the manifest, stopping at the first fault (tools and tests; start-up uses loadPlans). */
export function loadCorpus(dir: string): Plan[] {
  return readManifest(dir).map((meta) => loadPlan(dir, meta));
}

/** Why a plan was left out, as one sentence naming the file and line. */
export interface SkippedPlan {
  id: string;
  file: string;
  message: string;
}

/** The 1-based line of the first U+FFFD (bytes that are not UTF-8 decode to it), or 0 when there is none. */
function invalidUtf8Line(text: string): number {
  const at = text.indexOf('\ufffd');
  return at < 0 ? 0 : text.slice(0, at).split('\n').length;
}

/** The 1-based line of the n-th (1-based) occurrence of `"id": "<id>"` in the manifest text, or 0. */
function manifestLine(text: string, id: string, occurrence: number): number {
  const pattern = new RegExp(`"id"\\s*:\\s*"${id.replace(/[^a-z0-9-]/g, '')}"`);
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (pattern.test(lines[i]!) && ++seen === occurrence) return i + 1;
  return 0;
}

/** Parses one plan, or returns the CorpusError saying why it cannot be served beside the plans already `taken`. */
function tryPlan(dir: string, meta: PlanMeta, taken: Map<string, string>): Plan | CorpusError {
  const file = path.join(dir, meta.file);
  let plan: Plan;
  try {
    // Read once: the UTF-8 check and the parser see the same text.
    const source = readPlan(file);
    const line = invalidUtf8Line(source);
    if (line > 0) {
      return new CorpusError(
        'NOT_UTF8',
        file,
        line,
        `corpus: ${file}:${line} is not valid UTF-8; save the plan as UTF-8 text.`,
      );
    }
    plan = parseSource(file, source, meta);
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  if (!plan.clauses.some((clause) => clause.kind === 'chapter')) {
    return new CorpusError(
      'NOT_A_PLAN',
      file,
      1,
      `corpus: ${file}:1 has no chapter heading (一、…); it does not read as a plan.`,
    );
  }
  for (const clause of plan.clauses) {
    const owner = taken.get(clause.id);
    if (owner !== undefined) {
      const line = clause.lines[0];
      return new CorpusError(
        'CLAUSE_ID_TAKEN',
        file,
        line,
        `corpus: ${file}:${line} duplicate clause id ${clause.id}, already used by plan ${owner}.`,
      );
    }
  }
  for (const key of [meta.city, `${meta.city}市`]) {
    const owner = taken.get(`city:${key}`);
    if (owner !== undefined) {
      return new CorpusError(
        'CITY_TAKEN',
        file,
        1,
        `corpus: ${file}:1 is for ${meta.city}, which plan ${owner} already covers.`,
      );
    }
  }
  return plan;
}

/**
 * Loads every plan of `dir`/manifest.json for serving. A plan whose file is missing, empty, not UTF-8, not shaped like a
 * plan, or whose clause ids or city clash with an earlier plan is skipped, and `log` gets one `corpus_plan_skipped`
 * warning with a sentence naming the file and line. Duplicate clause ids inside one plan are renamed by the parser
 * (`-dup2`) and logged as `corpus_warning`. A missing or malformed manifest, a plan id listed twice, or no usable plan
 * at all stops start-up with a CorpusError.
 */
export function loadPlans(dir: string, log: Pick<Logger, 'warn'>): { plans: Plan[]; skipped: SkippedPlan[] } {
  const metas = readManifest(dir);
  // Each plan parsed or the reason it was skipped, as plain data: reused from the cache while nothing changed.
  const outcomes = cachedForCorpus(dir, metas, (): Outcome<SkippedPlan>[] => {
    const taken = new Map<string, string>();
    return metas.map((meta) => {
      const result = tryPlan(dir, meta, taken);
      if (result instanceof CorpusError)
        return { skipped: { id: meta.id, file: result.file, message: result.message } };
      for (const clause of result.clauses) taken.set(clause.id, result.id);
      taken.set(`city:${result.city}`, result.id);
      taken.set(`city:${result.city}市`, result.id);
      return { plan: result };
    });
  });
  const plans: Plan[] = [];
  const skipped: SkippedPlan[] = [];
  for (const outcome of outcomes) {
    if ('skipped' in outcome) {
      skipped.push(outcome.skipped);
      log.warn('corpus_plan_skipped', { plan: outcome.skipped.id, message: outcome.skipped.message });
      continue;
    }
    const plan = outcome.plan;
    plans.push(plan);
    for (const warning of plan.warnings) {
      log.warn('corpus_warning', { plan: plan.id, line: warning.line, code: warning.code, message: warning.message });
    }
  }
  if (plans.length === 0) {
    const manifest = path.join(dir, 'manifest.json');
    throw new CorpusError(
      'NO_PLANS',
      manifest,
      null,
      `corpus: no plan listed in ${manifest} could be loaded (see the warnings).`,
    );
  }
  return { plans, skipped };
}
