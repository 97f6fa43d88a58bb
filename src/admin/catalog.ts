// Which plans residents are served: the shipped corpus/ overlaid with what staff published, withdrew or rolled back.
import { parsePlan } from '../corpus/parse.ts';
import { parseGuide } from '../corpus/guide.ts';
import type { Plan, PlanMeta } from '../corpus/types.ts';
import { withRepeals } from '../corpus/in-force.ts';
import type { PlanRecord, Registry, VersionRecord } from './registry.ts';

/** What of a version the parser and the corpus need (a draft being checked has no counts yet). */
type VersionFields = Pick<
  VersionRecord,
  'version' | 'title' | 'issuer' | 'province' | 'period' | 'kind' | 'fileName' | 'docNumber' | 'inForce'
>;

/** The metadata of an uploaded version, in the shape the parser and the corpus take. */
export function versionMeta(record: Pick<PlanRecord, 'id' | 'city'>, version: VersionFields): PlanMeta {
  return {
    id: record.id,
    city: record.city,
    province: version.province,
    title: version.title,
    issuer: version.issuer,
    docNumber: version.docNumber || null,
    issued: null,
    period: version.period,
    file: `${record.id}/v${version.version}.txt`,
    seedFile: version.fileName,
  };
}

/** Parses one stored version into a Plan marked with its version and kind. */
export function versionPlan(record: Pick<PlanRecord, 'id' | 'city'>, version: VersionFields, text: string): Plan {
  const meta = versionMeta(record, version);
  // A service guide is read as its fields (申请材料, 办理时限 …); every other kind by the plan and rules parser.
  const parsed = version.kind === 'guide' ? parseGuide(text, meta) : parsePlan(text, meta);
  const plan: Plan = { ...meta, ...parsed, kind: version.kind, version: version.version };
  if (version.inForce) plan.inForce = version.inForce;
  return plan;
}

/**
 * A key that changes exactly when the set of served plan versions, or what staff said about their force, changes (an
 * upload alone does not change it).
 */
export function servedKey(registry: Registry): string {
  return registry.plans
    .filter((p) => (p.shipped ? p.live !== 0 : p.live !== null) || p.force)
    .map((p) => `${p.id}:${p.live ?? '-'}${p.force ? `:${p.force.supersededBy ?? ''}:${p.force.until ?? ''}` : ''}`)
    .join(',');
}

/**
 * The plans to serve, in order: the shipped ones (unless withdrawn or replaced by a published version), then the
 * uploaded plans of cities corpus/ does not ship. `text` reads a stored version.
 */
export function servedPlans(
  shipped: Plan[],
  registry: Registry,
  text: (id: string, version: number) => string,
): Plan[] {
  const records = new Map(registry.plans.map((record) => [record.id, record]));
  const live = (record: PlanRecord): Plan | null => {
    const version = record.versions.find((v) => v.version === record.live);
    return version ? versionPlan(record, version, text(record.id, version.version)) : null;
  };
  const plans: Plan[] = [];
  for (const plan of shipped) {
    const record = records.get(plan.id);
    if (!record || record.live === 0) plans.push(withForce(plan, record));
    else if (record.live !== null) plans.push(withForce(live(record) ?? plan, record));
  }
  for (const record of registry.plans) {
    if (record.shipped || record.live === null) continue;
    const plan = live(record);
    if (plan) plans.push(withForce(plan, record));
  }
  return withRepeals(plans);
}

/** The plan with what staff said about its force: the document replacing it, the last day in force. */
function withForce(plan: Plan, record: PlanRecord | undefined): Plan {
  const force = record?.force;
  if (!force) return plan;
  const marked: Plan = { ...plan };
  if (force.supersededBy) marked.supersededBy = force.supersededBy;
  if (force.until) marked.inForce = { ...plan.inForce, from: plan.inForce?.from ?? null, until: force.until };
  return marked;
}
