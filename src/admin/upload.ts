// Makes a draft from an uploaded document's text: detects its title, kind, period, 文号 and dates in force, checks it,
// says what it will do (new document or new version) and stores it. Used by the upload route and by the background
// recognition of scanned PDFs (src/admin/scans.ts) once the last page is read.
import crypto from 'node:crypto';
import { versionPlan } from './catalog.ts';
import type { PlanDesk } from './desk.ts';
import { addVersion } from './registry.ts';
import { previewUrl } from './listing.ts';
import { detectKind, detectPeriod, detectTitle, validate } from './report.ts';
import type { ReportEntry } from './report.ts';
import { withPlaces } from './report-places.ts';
import type { UploadFields } from './fields.ts';
import { uploadTarget } from './target.ts';
import { detectDocNumber, detectInForce } from './document-meta.ts';
import { ADMIN_IDENTITY } from '../server/staff-auth.ts';
import type { StaffIdentity } from '../staff-tokens.ts';
import type { AuditEntry } from './store.ts';

/**
 * Stores the draft of `text` (extracted from `fileBytes`) and returns the upload's JSON answer; `extra` goes first
 * among the report's warnings (the lines a scan was unsure of).
 */
export async function makeDraft(
  desk: PlanDesk,
  fields: UploadFields,
  fileBytes: Uint8Array,
  text: string,
  extra: ReportEntry[] = [],
  who: StaffIdentity = ADMIN_IDENTITY,
) {
  const title = fields.title ?? detectTitle(text);
  const kind = fields.kind ?? detectKind(text, title);
  const period = fields.period ?? (kind === 'plan' ? detectPeriod(text) : '');
  const upload = { id: fields.id, city: fields.city, kind };
  uploadTarget(desk.shipped.plans, desk.store.read(), upload);
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
    docNumber: fields.docNumber ?? detectDocNumber(text),
    inForce: detectInForce(text),
    previewKey: crypto.randomBytes(16).toString('hex'),
  };
  const plan = versionPlan({ id: fields.id, city: fields.city }, { ...draftVersion, version: 0 }, text);
  const checked = validate(plan, text);
  const report = withPlaces({ ...checked, warnings: [...extra, ...checked.warnings] }, plan.clauses);
  const audit: AuditEntry = { who, action: 'upload', planId: fields.id, version: null };
  const { version, target } = await desk.store.update((current) => {
    // Said before anything is stored: a new document of the city, or a new version of one of its documents.
    const target = uploadTarget(desk.shipped.plans, current, upload);
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
    return {
      registry: added.registry,
      texts: [[fields.id, added.version.version, text]],
      result: { version: added.version, target },
    };
  }, audit);
  desk.log.info('plan_uploaded', {
    plan: fields.id,
    version: version.version,
    clauses: report.clauses,
    staff: who.id,
  });
  return {
    id: fields.id,
    city: fields.city,
    version: version.version,
    status: 'draft',
    title,
    kind,
    period,
    docNumber: version.docNumber,
    inForce: version.inForce,
    action: target.action,
    message: target.message,
    fileName: version.fileName,
    checksum: version.checksum,
    report,
    previewUrl: previewUrl(fields.id, version.version, version.previewKey),
  };
}
