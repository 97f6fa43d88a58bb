// Staff plan management over HTTP (bearer ADMIN_TOKEN): upload a draft and read its report, list plans and versions,
// publish, roll back, withdraw. Translates between HTTP and the domain (ingest, registry, catalog, report).
import crypto from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../server/env.ts';
import { ADMIN_IDENTITY, staffOnly } from '../server/staff-auth.ts';
import { json } from '../server/json.ts';
import { AppError } from '../errors.ts';
import { readBodyBytes } from '../server/body.ts';
import { extractText } from '../ingest/extract.ts';
import { versionPlan } from './catalog.ts';
import type { PlanDesk } from './desk.ts';
import type { AuditEntry } from './store.ts';
import { addVersion, draftOf, publish, rollback, withdraw } from './registry.ts';
import { listing, previewUrl, recordOf } from './listing.ts';
import type { PlanRecord, Registry } from './registry.ts';
import { detectKind, detectPeriod, detectTitle, validate } from './report.ts';
import { uploadFields } from './fields.ts';
import { planPages } from './pages.ts';

/** Room for the form fields and multipart framing beside the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The admin routes; `desk` is what they publish into (src/runtime/desk.ts hands it in). */
export function adminRoutes(desk: PlanDesk): Hono<AppEnv> {
  const { config } = desk;
  const app = new Hono<AppEnv>();
  // Editors upload and preview; publishing, rolling back and withdrawing need a publisher.
  const auth = staffOnly(config);
  const publisher = staffOnly(config, 'publisher');
  app.use('/api/admin/plans', auth);
  app.use('/api/admin/plans/*', auth);

  app.get('/api/admin/plans', () => json({ plans: listing(desk.shipped, desk.store.read()) }));

  app.post('/api/admin/plans', async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data\b/i.test(type)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段 file、id、city）。');
    }
    const bytes = await readBodyBytes(c, config.limits.uploadBytes + MULTIPART_OVERHEAD_BYTES);
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
    } catch {
      throw new AppError('BAD_REQUEST', '上传的表单读不出来（multipart 格式不对）。');
    }
    const fields = uploadFields(form, config.limits.uploadBytes);
    const fileBytes = new Uint8Array(await fields.file.arrayBuffer());
    const registry = desk.store.read();
    conflicts(desk, registry, fields.id, fields.city);
    const text = await extractText(fields.file.name, fileBytes);
    const title = fields.title ?? detectTitle(text);
    const kind = fields.kind ?? detectKind(text, title);
    const period = fields.period ?? detectPeriod(text);
    const shipped = desk.shipped.plans.find((p) => p.id === fields.id);
    const draftVersion = {
      uploadedAt: new Date().toISOString(),
      fileName: fields.file.name,
      checksum: crypto.createHash('sha256').update(fileBytes).digest('hex'),
      title,
      issuer: fields.issuer ?? shipped?.issuer ?? '',
      province: fields.province ?? shipped?.province ?? '',
      period,
      kind,
      previewKey: crypto.randomBytes(16).toString('hex'),
    };
    const plan = versionPlan({ id: fields.id, city: fields.city }, { ...draftVersion, version: 0 }, text);
    const report = validate(plan, text);
    const who = c.get('staff') ?? ADMIN_IDENTITY;
    const audit: AuditEntry = { who, action: 'upload', planId: fields.id, version: null };
    const version = await desk.store.update((current) => {
      conflicts(desk, current, fields.id, fields.city);
      const added = addVersion(
        current,
        { id: fields.id, city: fields.city, shipped: shipped !== undefined },
        {
          ...draftVersion,
          counts: report.counts,
          errors: report.errors.length,
        },
      );
      audit.version = added.version.version;
      return { registry: added.registry, texts: [[fields.id, added.version.version, text]], result: added.version };
    }, audit);
    desk.log.info('plan_uploaded', {
      plan: fields.id,
      version: version.version,
      clauses: report.clauses,
      staff: who.id,
    });
    return json(
      {
        id: fields.id,
        city: fields.city,
        version: version.version,
        status: 'draft',
        title,
        kind,
        period,
        fileName: version.fileName,
        checksum: version.checksum,
        report,
        previewUrl: previewUrl(fields.id, version.version, version.previewKey),
      },
      201 as 200,
    );
  });

  const change = async (c: Context<AppEnv>, verb: 'publish' | 'rollback' | 'withdraw') => {
    const id = planId(c.req.param('id'));
    const who = c.get('staff') ?? ADMIN_IDENTITY;
    const audit: AuditEntry = { who, action: verb, planId: id, version: null };
    const record = await desk.store.update((registry) => {
      const record = recordOf(desk.shipped.plans, registry, id);
      const next = transition(registry, record, verb);
      const changed = next.plans.find((p) => p.id === id) as PlanRecord;
      audit.version = verb === 'withdraw' ? record.live : changed.live;
      return { registry: next, result: changed };
    }, audit);
    // This worker serves the change before it answers; the others see the registry change (desk.watch: the file, or
    // PostgreSQL's NOTIFY).
    desk.reload();
    desk.log.info(`plan_${verb}`, { plan: id, live: record.live, staff: who.id });
    return json({ id, city: record.city, live: record.live, plans: desk.served().plans.length });
  };
  app.post('/api/admin/plans/:id/publish', publisher, (c) => change(c, 'publish'));
  app.post('/api/admin/plans/:id/rollback', publisher, (c) => change(c, 'rollback'));
  app.delete('/api/admin/plans/:id', publisher, (c) => change(c, 'withdraw'));
  app.route('/', planPages(desk));
  return app;
}

function planId(id: string | undefined): string {
  if (!id || !/^[a-z][a-z0-9-]{1,40}$/.test(id))
    throw new AppError('BAD_PLAN_ID', '规划编号只能用小写字母、数字和连字符。');
  return id;
}

function transition(registry: Registry, record: PlanRecord, verb: 'publish' | 'rollback' | 'withdraw'): Registry {
  if (verb === 'withdraw') {
    if (record.live === null) throw new AppError('NOT_FOUND', `规划 ${record.id} 已经撤下。`);
    return withdraw(registry, record);
  }
  if (verb === 'rollback') {
    const next = rollback(registry, record);
    if (!next) throw new AppError('NO_EARLIER_VERSION', `规划 ${record.id} 没有更早的已发布版本可以恢复。`);
    return next;
  }
  const draft = draftOf(record);
  if (!draft) {
    // A withdrawn plan with nothing new comes back as it was.
    const last = record.history[record.history.length - 1];
    if (record.live === null && last !== undefined) return publish(registry, record, last);
    throw new AppError('NO_DRAFT', `规划 ${record.id} 没有待发布的草稿；请先上传。`);
  }
  if (draft.errors > 0) {
    throw new AppError(
      'DRAFT_HAS_ERRORS',
      `草稿第 ${draft.version} 版的检查报告有 ${draft.errors} 个错误，改正后重新上传再发布。`,
    );
  }
  return publish(registry, record, draft.version);
}

/** An id must keep its city; a city may have one plan (shipped or uploaded). */
function conflicts(desk: PlanDesk, registry: Registry, id: string, city: string): void {
  const owners = [
    ...desk.shipped.plans.map((p) => ({ id: p.id, city: p.city })),
    ...registry.plans.map((p) => ({ id: p.id, city: p.city })),
  ];
  const same = owners.find((o) => o.id === id);
  if (same && same.city !== city) {
    throw new AppError('PLAN_CONFLICT', `编号 ${id} 已经是${same.city}的规划；${city}的文件请换一个编号。`);
  }
  const other = owners.find(
    (o) => o.id !== id && (o.city === city || `${o.city}市` === city || o.city === `${city}市`),
  );
  if (other) {
    throw new AppError(
      'PLAN_CONFLICT',
      `${city}已经有规划（编号 ${other.id}）；要更新它，请用编号 ${other.id} 上传新版本。`,
    );
  }
}
