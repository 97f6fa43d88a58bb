// GET /api/admin/plans as plain values: every plan (shipped and uploaded) with its versions and what each one is now.
import type { PlanCounts } from '../corpus/check.ts';
import type { Plan, PlanKind } from '../corpus/types.ts';
import { AppError } from '../errors.ts';
import { draftOf } from './registry.ts';
import type { PlanRecord, Registry } from './registry.ts';

export type VersionStatus = 'live' | 'superseded' | 'draft' | 'unpublished';

export interface ListedVersion {
  version: number;
  status: VersionStatus;
  /** null for the shipped text of corpus/. */
  uploadedAt: string | null;
  fileName: string;
  checksum: string;
  title: string;
  kind: PlanKind;
  period: string;
  /** The report's counts (null for the shipped text: see npm run corpus:check). */
  counts: PlanCounts | null;
  errors: number;
  previewUrl: string;
}

/** What residents get of a document: a live version, nothing since a withdraw, or nothing yet (never published). */
export type PlanState = 'live' | 'withdrawn' | 'unpublished';

export function stateOf(record: Pick<PlanRecord, 'live' | 'published'>): PlanState {
  if (record.live !== null) return 'live';
  return record.published.length > 0 ? 'withdrawn' : 'unpublished';
}

export interface ListedPlan {
  id: string;
  city: string;
  shipped: boolean;
  live: number | null;
  state: PlanState;
  /** Its kind and title now (the newest version's). */
  kind: PlanKind;
  title: string;
  versions: ListedVersion[];
}

export function previewUrl(id: string, version: number, key: string): string {
  return `/docs/${id}/v/${version}?preview=${key}`;
}

/** The record of plan `id`, with a shipped plan that has none yet standing as its version 0. */
export function recordOf(shipped: Plan[], registry: Registry, id: string): PlanRecord {
  const record = registry.plans.find((p) => p.id === id);
  if (record) return record;
  const plan = shipped.find((p) => p.id === id);
  if (!plan) throw new AppError('NOT_FOUND', `没有编号为 ${id.slice(0, 40)} 的规划。`);
  return { id, city: plan.city, shipped: true, live: 0, history: [0], published: [0], versions: [] };
}

/** Every plan with its versions, shipped plans first (their text of corpus/ as version 0). */
export function listing(
  shipped: { plans: Plan[]; checksums: Pick<ReadonlyMap<string, string>, 'get'> },
  registry: Registry,
): ListedPlan[] {
  const ids = [...shipped.plans.map((p) => p.id), ...registry.plans.filter((p) => !p.shipped).map((p) => p.id)];
  return ids.map((id) => {
    const record = recordOf(shipped.plans, registry, id);
    const draft = draftOf(record);
    const status = (version: number): VersionStatus => {
      if (version === record.live) return 'live';
      if (draft?.version === version) return 'draft';
      return record.published.includes(version) ? 'superseded' : 'unpublished';
    };
    const versions: ListedVersion[] = record.versions.map((v) => ({
      version: v.version,
      status: status(v.version),
      uploadedAt: v.uploadedAt,
      fileName: v.fileName,
      checksum: v.checksum,
      title: v.title,
      kind: v.kind,
      period: v.period,
      counts: v.counts,
      errors: v.errors,
      previewUrl: previewUrl(id, v.version, v.previewKey),
    }));
    const plan = shipped.plans.find((p) => p.id === id);
    if (plan) {
      versions.unshift({
        version: 0,
        status: status(0),
        uploadedAt: null,
        fileName: `corpus/${plan.file}`,
        checksum: shipped.checksums.get(id) ?? '',
        title: plan.title,
        kind: 'plan',
        period: plan.period,
        counts: null,
        errors: 0,
        previewUrl: `/docs/${id}/v/0`,
      });
    }
    const newest = versions[versions.length - 1];
    return {
      id,
      city: record.city,
      shipped: record.shipped,
      live: record.live,
      state: stateOf(record),
      kind: newest?.kind ?? 'plan',
      title: newest?.title ?? id,
      versions,
    };
  });
}
