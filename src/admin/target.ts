// What an upload will do, said before anything is stored or replaced: a new document of the city, or a new version of
// one of its documents. An id keeps its city and its kind (rules uploaded under the plan's id would replace the plan).
import { AppError } from '../errors.ts';
import { KIND_NAMES } from '../corpus/documents.ts';
import type { Plan, PlanKind } from '../corpus/types.ts';
import type { Registry } from './registry.ts';

export interface UploadTarget {
  action: 'new-document' | 'new-version';
  id: string;
  city: string;
  /** The version the draft will be (1 for a new document). */
  version: number;
  /** The version residents are served now, which publishing the draft replaces (null: nothing is replaced). */
  replaces: number | null;
  /** The city's other documents, which the upload leaves as they are. */
  others: { id: string; kind: PlanKind; title: string }[];
  /** The same, as one sentence for staff. */
  message: string;
}

interface Owner {
  id: string;
  city: string;
  kind: PlanKind;
  title: string;
  live: number | null;
  versions: number;
}

function owners(shipped: readonly Plan[], registry: Registry): Owner[] {
  const records = new Map(registry.plans.map((r) => [r.id, r]));
  const fromShipped = shipped.map((plan): Owner => {
    const record = records.get(plan.id);
    const last = record?.versions[record.versions.length - 1];
    return {
      id: plan.id,
      city: plan.city,
      kind: last?.kind ?? 'plan',
      title: last?.title ?? plan.title,
      live: record ? record.live : 0,
      versions: last?.version ?? 0,
    };
  });
  const uploaded = registry.plans
    .filter((r) => !r.shipped)
    .map((record): Owner => {
      const last = record.versions[record.versions.length - 1];
      return {
        id: record.id,
        city: record.city,
        kind: last?.kind ?? 'plan',
        title: last?.title ?? record.id,
        live: record.live,
        versions: last?.version ?? 0,
      };
    });
  return [...fromShipped, ...uploaded];
}

const sameCity = (a: string, b: string) => a === b || `${a}市` === b || a === `${b}市`;

/**
 * What uploading a document of `kind` under `id` for `city` does. Throws PLAN_CONFLICT when the id belongs to another
 * city or to a document of another kind (staff then choose a new id: a new document beside it).
 */
export function uploadTarget(
  shipped: readonly Plan[],
  registry: Registry,
  upload: { id: string; city: string; kind: PlanKind },
): UploadTarget {
  const all = owners(shipped, registry);
  const { id, city, kind } = upload;
  const same = all.find((o) => o.id === id);
  if (same && !sameCity(same.city, city)) {
    throw new AppError('PLAN_CONFLICT', `编号 ${id} 已经是${same.city}的文件；${city}的文件请换一个编号。`);
  }
  if (same && same.kind !== kind) {
    throw new AppError(
      'PLAN_CONFLICT',
      `编号 ${id} 是${same.city}的${KIND_NAMES[same.kind]}《${same.title}》，这份文件是${KIND_NAMES[kind]}。` +
        `上传为新版本会替换它；要放在它旁边，请换一个新编号上传（作为新文件）。`,
    );
  }
  const others = all
    .filter((o) => o.id !== id && sameCity(o.city, city))
    .map((o) => ({ id: o.id, kind: o.kind, title: o.title }));
  const kept = others.length > 0 ? `${city}已有的 ${others.length} 份文件不受影响。` : '';
  if (!same) {
    return {
      action: 'new-document',
      id,
      city,
      version: 1,
      replaces: null,
      others,
      message: `将新建${city}的一份${KIND_NAMES[kind]}（编号 ${id}），先存为草稿，发布后居民才看得到；${kept}`,
    };
  }
  const version = same.versions + 1;
  return {
    action: 'new-version',
    id,
    city,
    version,
    replaces: same.live,
    others,
    message:
      `将作为《${same.title}》（编号 ${id}）的第 ${version} 版草稿保存；` +
      (same.live === null ? '它现在没有对居民提供，发布后才提供。' : `发布时会替换居民现在看到的第 ${same.live} 版。`) +
      kept,
  };
}
