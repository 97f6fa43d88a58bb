// Staff say what a document's text may not: that another document of the city replaces it, or the last day it is in
// force. Checked here (the same city, not itself, no loop) and shown on /admin as 在用 / 已失效 since when.
import { AppError } from '../errors.ts';
import type { Plan } from '../corpus/types.ts';
import { forceOn, withRepeals } from '../corpus/in-force.ts';
import type { Dated } from '../corpus/in-force.ts';
import { recordOf } from './listing.ts';
import { setForce } from './registry.ts';
import type { PlanRecord, Registry, StaffForce } from './registry.ts';
import type { ListedPlan } from './listing.ts';

/** A document's state in force as /admin lists it (today's, by the one clock). */
export interface ListedForce {
  state: 'in-force' | 'expired' | 'superseded';
  /** The day it takes effect and its last day in force (staff's over the text's), where known. */
  from: string | null;
  until: string | null;
  /** Out of force since (superseded: the day the replacement takes effect), where known. */
  since: string | null;
  /** The document replacing it (staff said so), or null. */
  supersededBy: string | null;
  /** What staff set (null: the text's own dates only). */
  staff: StaffForce | null;
}

/** Records staff's word on document `id`'s force, refusing a replacement that is itself, of another city or a loop. */
export function changeForce(shipped: Plan[], registry: Registry, id: string, force: StaffForce): Registry {
  const record = recordOf(shipped, registry, id);
  const by = force.supersededBy;
  if (by) {
    if (by === id) throw new AppError('BAD_REQUEST', `${id} 不能被它自己取代。`);
    const replacing = recordOf(shipped, registry, by);
    if (replacing.city !== record.city) {
      throw new AppError(
        'BAD_REQUEST',
        `${by} 是${replacing.city}的文件，${id} 是${record.city}的；只能被同一城市的文件取代。`,
      );
    }
    const seen = new Set<string>([by]);
    for (let next = replacing.force?.supersededBy; next;) {
      if (next === id) throw new AppError('PLAN_CONFLICT', `${by} 已经（直接或间接）被 ${id} 取代，不能再反过来。`);
      if (seen.has(next)) break;
      seen.add(next);
      next = registry.plans.find((p) => p.id === next)?.force?.supersededBy;
    }
  }
  return setForce(registry, record, force);
}

/** What a record's force is read from: the live version's (else the newest's) dates, with staff's word over them. */
function datedOf(shipped: Plan[], record: PlanRecord): Dated {
  const version = record.versions.find((v) => v.version === record.live) ?? record.versions[record.versions.length - 1];
  const plan = shipped.find((p) => p.id === record.id);
  const text = record.live === 0 || !version ? plan?.inForce : version.inForce;
  const until = record.force?.until ?? text?.until ?? null;
  // Only a document residents are served repeals another (a draft or a withdrawn one does not).
  const repeals = record.live !== null && text?.repeals ? { repeals: text.repeals } : {};
  const dated: Dated = {
    id: record.id,
    city: record.city,
    title: version?.title ?? plan?.title ?? record.id,
    docNumber: version?.docNumber ?? plan?.docNumber ?? null,
    inForce: { from: text?.from ?? null, until, ...repeals },
  };
  if (record.force?.supersededBy) dated.supersededBy = record.force.supersededBy;
  return dated;
}

/** 2027-02-28 → 2027-03-01. */
function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The listing with every document's state in force on `today`. */
export function withForces(
  shipped: Plan[],
  registry: Registry,
  listed: readonly ListedPlan[],
  today: string,
): (ListedPlan & { force: ListedForce })[] {
  const forces = listedForces(
    shipped,
    registry,
    listed.map((p) => p.id),
    today,
  );
  return listed.map((p) => ({ ...p, force: forces.get(p.id) as ListedForce }));
}

function listedForces(shipped: Plan[], registry: Registry, ids: readonly string[], today: string) {
  const dated = withRepeals(ids.map((id) => datedOf(shipped, recordOf(shipped, registry, id))));
  return new Map(
    dated.map((d): [string, ListedForce] => {
      const state = forceOn(d, dated, today);
      const staff = registry.plans.find((p) => p.id === d.id)?.force ?? null;
      const base = {
        from: d.inForce?.from ?? null,
        until: d.inForce?.until ?? null,
        supersededBy: d.supersededBy ?? null,
        staff,
      };
      if (state.inForce) return [d.id, { ...base, state: 'in-force', since: null }];
      if (state.reason === 'expired') return [d.id, { ...base, state: 'expired', since: dayAfter(state.until) }];
      return [d.id, { ...base, state: 'superseded', since: state.since }];
    }),
  );
}
