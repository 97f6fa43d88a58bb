// The record of uploaded plans and their versions (DATA_DIR/plans/registry.json) and the transitions staff make on it.
// Pure: values in, values out; store.ts reads and writes it.
import type { InForce, PlanKind } from '../corpus/types.ts';
import type { PlanCounts } from '../corpus/check.ts';

export interface VersionRecord {
  /** 1, 2, … per plan; 0 stands for the shipped text of corpus/ and is never stored here. */
  version: number;
  uploadedAt: string;
  fileName: string;
  /** sha256 of the uploaded bytes, hex. */
  checksum: string;
  title: string;
  /** As staff gave it; empty when not given. */
  issuer: string;
  province: string;
  period: string;
  kind: PlanKind;
  /** 文号 as the document states it or staff gave it (absent in registries written before documents had one). */
  docNumber?: string;
  /** When the document is in force, where it says so (施行, 有效期至). */
  inForce?: InForce;
  counts: PlanCounts;
  errors: number;
  /** Opens the draft in the source viewer before it is published (an unguessable part of the preview URL). */
  previewKey: string;
}

export interface PlanRecord {
  id: string;
  city: string;
  /** Whether corpus/ ships a text of this plan (version 0). */
  shipped: boolean;
  /** The version residents are served, or null when the plan is withdrawn. */
  live: number | null;
  /** Versions that were live, oldest first (rollback goes back along it, dropping the one it leaves). */
  history: number[];
  /** Every version that was ever live, rolled back or not: citations were given from them, so they keep opening. */
  published: number[];
  versions: VersionRecord[];
  /** What staff said about the document's force, over what its text says (absent: nothing said). */
  force?: StaffForce;
}

/** A document's force as staff set it: replaced by another document of the city, or in force until a day. */
export interface StaffForce {
  /** The id of the document that replaces this one, or null. */
  supersededBy: string | null;
  /** YYYY-MM-DD, the last day it is in force (over the text's 有效期至), or null. */
  until: string | null;
}

export interface Registry {
  /** Grows with every change; workers reload when it differs from theirs. */
  generation: number;
  plans: PlanRecord[];
}

export const EMPTY_REGISTRY: Registry = { generation: 0, plans: [] };

/** The newest uploaded version that came after everything that was ever live, i.e. the draft to publish. */
export function draftOf(record: PlanRecord): VersionRecord | null {
  const newest = record.versions[record.versions.length - 1];
  if (!newest) return null;
  return record.history.includes(newest.version) ? null : newest;
}

function replace(registry: Registry, record: PlanRecord): Registry {
  const plans = registry.plans.some((p) => p.id === record.id)
    ? registry.plans.map((p) => (p.id === record.id ? record : p))
    : [...registry.plans, record];
  return { generation: registry.generation + 1, plans };
}

/** Adds an uploaded version (a draft) to a plan, creating the plan's record on its first upload. */
export function addVersion(
  registry: Registry,
  base: Pick<PlanRecord, 'id' | 'city' | 'shipped'>,
  version: Omit<VersionRecord, 'version'>,
): { registry: Registry; version: VersionRecord } {
  const record = registry.plans.find((p) => p.id === base.id) ?? {
    ...base,
    live: base.shipped ? 0 : null,
    history: base.shipped ? [0] : [],
    published: base.shipped ? [0] : [],
    versions: [],
  };
  const number = (record.versions[record.versions.length - 1]?.version ?? 0) + 1;
  const added = { ...version, version: number };
  return { registry: replace(registry, { ...record, versions: [...record.versions, added] }), version: added };
}

/** Makes `version` live. */
export function publish(registry: Registry, record: PlanRecord, version: number): Registry {
  return replace(registry, {
    ...record,
    live: version,
    history: [...record.history.filter((v) => v !== version), version],
    published: [...record.published.filter((v) => v !== version), version],
  });
}

/** The version live before the current one, made live again; null when there is none. */
export function rollback(registry: Registry, record: PlanRecord): Registry | null {
  const history = record.history.filter((v) => v !== record.live);
  const previous = history[history.length - 1];
  if (previous === undefined || record.live === null) return null;
  return replace(registry, { ...record, live: previous, history });
}

/** Stops serving the plan (its versions stay on record; publishing again brings it back). */
export function withdraw(registry: Registry, record: PlanRecord): Registry {
  return replace(registry, { ...record, live: null });
}

/** Removes a version that was never published (a draft or a refused upload); null when `version` was published. */
export function deleteVersion(registry: Registry, record: PlanRecord, version: number): Registry | null {
  if (record.published.includes(version) || !record.versions.some((v) => v.version === version)) return null;
  const versions = record.versions.filter((v) => v.version !== version);
  // A document that was never published and has nothing left is forgotten; its id is free again.
  if (versions.length === 0 && !record.shipped && record.published.length === 0) {
    return { generation: registry.generation + 1, plans: registry.plans.filter((p) => p.id !== record.id) };
  }
  return replace(registry, { ...record, versions });
}

/** Records what staff said about the document's force (both null: nothing, the text's own dates apply). */
export function setForce(registry: Registry, record: PlanRecord, force: StaffForce): Registry {
  const next: PlanRecord = { ...record };
  if (force.supersededBy || force.until) next.force = force;
  else delete next.force;
  return replace(registry, next);
}
