// Start-up's corpus policy: a broken plan is skipped with a warning naming file and line; a broken manifest stops start-up.
import fs from 'node:fs';
import path from 'node:path';
import { CorpusError, loadPlan, readManifest } from '../corpus/load.ts';
import type { Plan, PlanMeta } from '../corpus/types.ts';
import type { Logger } from '../log.ts';

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

/** Reads the manifest; a plan id listed twice stops start-up with the manifest's file and line. */
function manifest(dir: string): PlanMeta[] {
  try {
    return readManifest(dir);
  } catch (error) {
    const twice = error instanceof CorpusError ? /lists plan id "([a-z0-9-]+)" twice/.exec(error.message) : null;
    if (!twice) throw error;
    const file = path.join(dir, 'manifest.json');
    const line = manifestLine(fs.readFileSync(file, 'utf8'), twice[1]!, 2);
    throw new CorpusError(
      `corpus: ${file}:${line} lists plan id "${twice[1]}" a second time; give each plan its own id.`,
    );
  }
}

/** Parses one plan, or returns the sentence saying why it cannot be served. */
function tryPlan(dir: string, meta: PlanMeta, taken: Map<string, string>): Plan | string {
  const file = path.join(dir, meta.file);
  if (fs.existsSync(file)) {
    const line = invalidUtf8Line(fs.readFileSync(file, 'utf8'));
    if (line > 0) return `corpus: ${file}:${line} is not valid UTF-8; save the plan as UTF-8 text.`;
  }
  let plan: Plan;
  try {
    plan = loadPlan(dir, meta);
  } catch (error) {
    if (error instanceof CorpusError) return error.message;
    throw error;
  }
  if (!plan.clauses.some((clause) => clause.kind === 'chapter')) {
    return `corpus: ${file}:1 has no chapter heading (一、…); it does not read as a plan.`;
  }
  for (const clause of plan.clauses) {
    const owner = taken.get(clause.id);
    if (owner !== undefined) {
      return `corpus: ${file}:${clause.lines[0]} duplicate clause id ${clause.id}, already used by plan ${owner}.`;
    }
  }
  for (const key of [meta.city, `${meta.city}市`]) {
    const owner = taken.get(`city:${key}`);
    if (owner !== undefined) return `corpus: ${file}:1 is for ${meta.city}, which plan ${owner} already covers.`;
  }
  return plan;
}

/**
 * Loads every plan of `dir`/manifest.json. A plan whose file is missing, empty, not UTF-8, not shaped like a plan, or
 * whose clause ids or city clash with an earlier plan is skipped, and `log` gets one `corpus_plan_skipped` warning with
 * a sentence naming the file and line. Duplicate clause ids inside one plan are renamed by the parser (`-dup2`) and
 * logged as `corpus_warning`. A missing or malformed manifest, a plan id listed twice, or no usable plan at all stops
 * start-up with a CorpusError.
 */
export function loadPlans(dir: string, log: Logger): { plans: Plan[]; skipped: SkippedPlan[] } {
  const plans: Plan[] = [];
  const skipped: SkippedPlan[] = [];
  const taken = new Map<string, string>();
  for (const meta of manifest(dir)) {
    const result = tryPlan(dir, meta, taken);
    if (typeof result === 'string') {
      skipped.push({ id: meta.id, file: path.join(dir, meta.file), message: result });
      log.warn('corpus_plan_skipped', { plan: meta.id, message: result });
      continue;
    }
    for (const clause of result.clauses) taken.set(clause.id, result.id);
    taken.set(`city:${result.city}`, result.id);
    taken.set(`city:${result.city}市`, result.id);
    plans.push(result);
    for (const warning of result.warnings) {
      log.warn('corpus_warning', { plan: result.id, line: warning.line, message: warning.message });
    }
  }
  if (plans.length === 0) {
    throw new CorpusError(
      `corpus: no plan listed in ${path.join(dir, 'manifest.json')} could be loaded (see the warnings).`,
    );
  }
  return { plans, skipped };
}
