// Loads corpus/manifest.json and parses every plan it lists; errors name the file and line.
import fs from 'node:fs';
import path from 'node:path';
import type { Plan, PlanMeta } from './types.ts';
import { parsePlan } from './parse.ts';

export class CorpusError extends Error {
  override name = 'CorpusError';
}

const REQUIRED: (keyof PlanMeta)[] = ['id', 'city', 'province', 'title', 'issuer', 'period', 'file'];

/** Reads and validates corpus/manifest.json. */
export function readManifest(dir: string): PlanMeta[] {
  const file = path.join(dir, 'manifest.json');
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CorpusError(`corpus: cannot read ${file}: ${(error as Error).message}`);
  }
  const plans = (data as { plans?: unknown }).plans;
  if (!Array.isArray(plans) || plans.length === 0) throw new CorpusError(`corpus: ${file} has no "plans" list`);
  const seen = new Set<string>();
  return plans.map((entry: Record<string, unknown>, index) => {
    for (const key of REQUIRED) {
      if (typeof entry[key] !== 'string' || (entry[key] as string).trim() === '') {
        throw new CorpusError(`corpus: ${file} plans[${index}] needs a non-empty string "${key}"`);
      }
    }
    const id = entry.id as string;
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(id))
      throw new CorpusError(`corpus: ${file} plans[${index}] id "${id}" is not URL-safe`);
    if (seen.has(id)) throw new CorpusError(`corpus: ${file} lists plan id "${id}" twice`);
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
  const file = path.join(dir, meta.file);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CorpusError(`corpus: cannot read ${file}: ${(error as Error).message}`);
  }
  const result = parsePlan(source, meta);
  if (result.clauses.length === 0) throw new CorpusError(`corpus: ${file}:1 yields no clauses (empty or not a plan)`);
  return { ...meta, ...result };
}

/** Loads every plan of the manifest. */
export function loadCorpus(dir: string): Plan[] {
  return readManifest(dir).map((meta) => loadPlan(dir, meta));
}
