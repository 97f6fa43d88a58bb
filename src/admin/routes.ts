// Staff plan management over HTTP (bearer ADMIN_TOKEN): upload a draft and read its report, list plans and versions,
// publish, roll back, withdraw. Translates between HTTP and the domain (ingest, registry, catalog, report).
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../server/env.ts';
import { ADMIN_IDENTITY, staffOnly } from '../server/staff-auth.ts';
import { json } from '../server/json.ts';
import { AppError } from '../errors.ts';
import { readBodyBytes, readJson } from '../server/body.ts';
import { createSchemas, parse } from '../ask/schema.ts';
import { changeForce, withForces } from './force.ts';
import { extractText } from '../ingest/extract.ts';
import type { PlanDesk } from './desk.ts';
import type { AuditEntry } from './store.ts';
import { deleteVersion, draftOf, publish, rollback, withdraw } from './registry.ts';
import { listing, recordOf, stateOf } from './listing.ts';
import type { PlanRecord, Registry } from './registry.ts';
import { makeDraft } from './upload.ts';
import { createScans } from './scans.ts';
import { uploadFields } from './fields.ts';
import { planPages } from './pages.ts';

/** Room for the form fields and multipart framing beside the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The admin routes; `desk` is what they publish into (src/runtime/live.ts hands it in). */
export function adminRoutes(desk: PlanDesk): Hono<AppEnv> {
  const { config } = desk;
  const app = new Hono<AppEnv>();
  // Editors upload and preview; publishing, rolling back, withdrawing and deleting a draft need a publisher.
  const auth = staffOnly(config);
  const publisher = staffOnly(config, 'publisher');
  app.use('/api/admin/plans', auth);
  app.use('/api/admin/plans/*', auth);
  app.use('/api/admin/scans/*', auth);
  const scans = createScans(desk);
  const schemas = createSchemas(config.limits);
  app.get('/api/admin/scans/:job', (c) => json(scans.read(c.req.param('job'))));

  app.get('/api/admin/plans', () => {
    const registry = desk.store.read();
    const listed = listing(desk.shipped, registry);
    return json({ today: desk.today(), plans: withForces(desk.shipped.plans, registry, listed, desk.today()) });
  });

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
    const text = await extractText(fields.file.name, fileBytes).catch((error: unknown) => {
      // A PDF of page images is read by Tesseract in the background; the answer says where to follow it.
      if (error instanceof AppError && error.code === 'PDF_NO_TEXT' && scans.available()) return null;
      throw error;
    });
    const who = c.get('staff') ?? ADMIN_IDENTITY;
    if (text === null) return json(await scans.start(fields, fileBytes, who), 202 as 200);
    return json(await makeDraft(desk, fields, fileBytes, text, [], who), 201 as 200);
  });

  const change = async (c: Context<AppEnv>, verb: Verb) => {
    const id = planId(c.req.param('id'));
    const version = versionParam(c.req.query('version') ?? c.req.param('version'));
    const who = c.get('staff') ?? ADMIN_IDENTITY;
    const audit: AuditEntry = { who, action: verb, planId: id, version };
    const record = await desk.store.update((registry) => {
      const record = recordOf(desk.shipped.plans, registry, id);
      const next = transition(registry, record, verb, version);
      // A deleted document that had nothing else is gone from the registry: it stands as never published.
      const after = next.plans.find((p) => p.id === id) ?? { ...record, live: null, published: [] };
      if (verb !== 'delete') audit.version = verb === 'withdraw' ? record.live : after.live;
      return { registry: next, result: after };
    }, audit);
    // This worker serves the change before it answers; the others see the registry change (desk.watch: the file, or
    // PostgreSQL's NOTIFY).
    desk.reload();
    desk.log.info(`plan_${verb}`, { plan: id, live: record.live, staff: who.id });
    return json({
      id,
      city: record.city,
      live: record.live,
      state: stateOf(record),
      plans: desk.served().plans.length,
    });
  };
  app.post('/api/admin/plans/:id/publish', publisher, (c) => change(c, 'publish'));
  app.post('/api/admin/plans/:id/rollback', publisher, (c) => change(c, 'rollback'));
  app.delete('/api/admin/plans/:id', publisher, (c) => change(c, 'withdraw'));
  app.delete('/api/admin/plans/:id/versions/:version', publisher, (c) => change(c, 'delete'));
  // Staff say a document is replaced by another of the city, or its last day in force (both null: the text's dates).
  app.post('/api/admin/plans/:id/force', publisher, async (c) => {
    const id = planId(c.req.param('id'));
    const force = parse(schemas.forceBody, await readJson(c, config.limits.bodyBytes), 'BAD_REQUEST');
    const who = c.get('staff') ?? ADMIN_IDENTITY;
    const audit: AuditEntry = { who, action: 'force', planId: id, version: null };
    const registry = await desk.store.update((current) => {
      const next = changeForce(desk.shipped.plans, current, id, force);
      return { registry: next, result: next };
    }, audit);
    desk.reload();
    desk.log.info('plan_force', {
      plan: id,
      superseded: force.supersededBy !== null,
      until: force.until !== null,
      staff: who.id,
    });
    const listed = withForces(desk.shipped.plans, registry, listing(desk.shipped, registry), desk.today());
    const plan = listed.find((p) => p.id === id);
    return json({ id, city: plan?.city ?? null, force: plan?.force ?? null });
  });
  app.route('/', planPages(desk));
  return app;
}

function planId(id: string | undefined): string {
  if (!id || !/^[a-z][a-z0-9-]{1,40}$/.test(id))
    throw new AppError('BAD_PLAN_ID', '规划编号只能用小写字母、数字和连字符。');
  return id;
}

type Verb = 'publish' | 'rollback' | 'withdraw' | 'delete';

/** `?version=N` (publish: restore a version published before) or `/versions/N` (delete a draft); null when absent. */
function versionParam(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,6}$/.test(raw)) throw new AppError('BAD_REQUEST', '版本号应是数字。');
  return Number(raw);
}

function transition(registry: Registry, record: PlanRecord, verb: Verb, version: number | null): Registry {
  if (verb === 'delete') {
    if (version === null) throw new AppError('BAD_REQUEST', '请指明要删除的草稿版本。');
    const next = deleteVersion(registry, record, version);
    if (!next) {
      throw new AppError(
        'NO_DRAFT',
        `${record.id} 第 ${version} 版不是草稿（发布过的版本要保留，居民收到过它的引用）。`,
      );
    }
    return next;
  }
  if (verb === 'withdraw') {
    if (record.live === null) throw new AppError('NOT_FOUND', `${record.id} 现在没有对居民提供，无需撤下。`);
    return withdraw(registry, record);
  }
  if (verb === 'rollback') {
    // After a withdraw, 恢复 brings back the version that was live last.
    const last = record.history[record.history.length - 1];
    if (record.live === null && last !== undefined) return publish(registry, record, last);
    const next = rollback(registry, record);
    if (!next) throw new AppError('NO_EARLIER_VERSION', `${record.id} 没有更早的已发布版本可以恢复。`);
    return next;
  }
  if (version !== null) {
    // A version published before (restored after a withdraw or a bad draft), or the draft itself.
    const draft = draftOf(record);
    if (record.published.includes(version)) return publish(registry, record, version);
    if (draft?.version !== version)
      throw new AppError('NO_DRAFT', `${record.id} 没有第 ${version} 版草稿或已发布版本。`);
  }
  const draft = draftOf(record);
  if (!draft) {
    // A withdrawn plan with nothing new comes back as it was.
    const last = record.history[record.history.length - 1];
    if (record.live === null && last !== undefined) return publish(registry, record, last);
    throw new AppError('NO_DRAFT', `${record.id} 没有待发布的草稿；请先上传。`);
  }
  if (draft.errors > 0) {
    throw new AppError(
      'DRAFT_HAS_ERRORS',
      `草稿第 ${draft.version} 版的检查报告有 ${draft.errors} 个错误，改正后重新上传再发布。`,
    );
  }
  return publish(registry, record, draft.version);
}
