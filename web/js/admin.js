// Staff page: the token lives in this tab only (sessionStorage), uploads go to /api/admin/plans, the report and the plan
// list are real tables, and every outcome is announced through the one announcer.
import { createAnnouncer } from './announcer.js';
import { el } from './dom.js';
import { T, fmt } from './strings.js';
import { api, saveToken, table, token } from './staff.js';
import { initInsight } from './insight.js';
import { forceForm, forceRequest, forceText } from './force.js';

const A = T.admin;
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const announce = createAnnouncer({ status: $('status'), alert: $('alert'), log: document.createElement('div') });

const STATUS = {
  live: A.statusLive,
  draft: A.statusDraft,
  superseded: A.statusSuperseded,
  unpublished: A.statusUnpublished,
};

/** A link to the place in the preview a problem points at (the viewer focuses it), or a dash for the whole document. */
function problemPlace(draft, problem, n) {
  if (!problem.clause) return '—';
  const href = `${draft.previewUrl}#${encodeURIComponent(problem.clause)}`;
  return el('a', { href, target: '_blank', rel: 'noopener', text: fmt(A.problemPlace, { n }) });
}

function showReport(draft) {
  const { report } = draft;
  const counts = Object.entries(A.counts).map(([key, label]) => [label, String(report.counts[key])]);
  const entries = [...report.errors.map((p) => [p, A.levelError]), ...report.warnings.map((p) => [p, A.levelWarning])];
  const problems = entries.map(([p, level], i) => [String(p.line), level, p.message, problemPlace(draft, p, i + 1)]);
  const body = $('report-body');
  body.replaceChildren(
    table(A.countsCaption, [A.colWhat, A.colCount], counts),
    problems.length
      ? table(A.problemsCaption, [A.colLine, A.colLevel, A.colMessage, A.colPlace], problems)
      : el('p', { text: A.noProblems }),
    el('p', {}, el('a', { href: draft.previewUrl, target: '_blank', rel: 'noopener', text: A.preview })),
    el('button', {
      type: 'button',
      class: 'primary',
      'data-action': 'publish',
      'data-id': draft.id,
      text: A.publishDraft,
    }),
  );
  $('report-heading').textContent = fmt(A.reportHeading, { id: draft.id, version: draft.version });
  $('report').hidden = false;
  $('report-heading').focus();
}

/** A button of the plans table; `version` for deleting one draft. */
function actionButton(action, plan, version) {
  return el('button', {
    type: 'button',
    class: 'small',
    'data-action': action,
    'data-id': plan.id,
    'data-live': plan.live === null ? '' : String(plan.live),
    ...(version === undefined ? {} : { 'data-version': String(version) }),
    text: fmt(A[action], { id: plan.id, version }),
  });
}

/** What each action asks before it changes anything residents see, and the request it makes. */
const ACTIONS = {
  publish: (d) => ({
    ask: fmt(A.confirmPublish, { id: d.id, replaces: d.live ? fmt(A.confirmReplaces, { live: d.live }) : '' }),
    url: `/api/admin/plans/${d.id}/publish`,
    method: 'POST',
  }),
  rollback: (d) => ({ ask: fmt(A.confirmRollback, d), url: `/api/admin/plans/${d.id}/rollback`, method: 'POST' }),
  restore: (d) => ({ ask: fmt(A.confirmRollback, d), url: `/api/admin/plans/${d.id}/rollback`, method: 'POST' }),
  withdraw: (d) => ({ ask: fmt(A.confirmWithdraw, d), url: `/api/admin/plans/${d.id}`, method: 'DELETE' }),
  deleteDraft: (d) => ({
    ask: fmt(A.confirmDelete, d),
    url: `/api/admin/plans/${d.id}/versions/${d.version}`,
    method: 'DELETE',
  }),
};

/** Writes `text` next to the control that caused it (the announcer says it too). */
function note(selector, text) {
  const target = document.querySelector(selector);
  if (target) target.textContent = text;
}

async function loadPlans() {
  if (!token()) return;
  try {
    const { plans } = await api('/api/admin/plans');
    const rows = plans.map((plan) => {
      const versions = el(
        'ul',
        {},
        ...plan.versions.map((v) =>
          el(
            'li',
            {},
            fmt(A.versionLine, {
              version: v.version,
              status: STATUS[v.status] || v.status,
              when: v.uploadedAt ? v.uploadedAt.slice(0, 16).replace('T', ' ') : A.shippedVersion,
              file: v.fileName,
              checksum: v.checksum.slice(0, 12),
            }),
          ),
        ),
      );
      const drafts = plan.versions.filter((v) => v.status === 'draft' || v.status === 'unpublished');
      const actions = el(
        'div',
        { class: 'actions' },
        ...(drafts.some((v) => v.status === 'draft') ? [actionButton('publish', plan)] : []),
        ...(plan.state === 'withdrawn' ? [actionButton('restore', plan)] : [actionButton('rollback', plan)]),
        ...(plan.state === 'live' ? [actionButton('withdraw', plan)] : []),
        ...drafts.map((v) => actionButton('deleteDraft', plan, v.version)),
        el('p', { class: 'note', 'data-note': plan.id }),
        forceForm(plan, plans),
      );
      const state =
        plan.state === 'live' ? String(plan.live) : plan.state === 'withdrawn' ? A.withdrawn : A.unpublished;
      const force = el('span', { 'data-force-state': plan.id, text: forceText(plan.force) });
      return [plan.id, plan.city, T.kinds[plan.kind] || plan.kind, state, force, versions, actions];
    });
    const plansTable = table(
      A.plansCaption,
      [A.colId, A.colCity, A.colKind, A.colLive, A.colForce, A.colVersions, A.colActions],
      rows,
    );
    // Five columns do not fit a phone: the table keeps its width and scrolls inside its own region.
    plansTable.classList.add('wide');
    $('plans').replaceChildren(plansTable);
  } catch (error) {
    announce.error(fmt(A.loadFailed, { message: error.message }));
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('token'));
  if (!input.value.trim()) {
    announce.error(A.tokenMissing);
    input.focus();
    return;
  }
  saveToken(input.value.trim());
  input.value = '';
  announce.clearError();
  announce.status(A.tokenSaved);
  void loadPlans();
});

$('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  announce.clearError();
  announce.status(A.uploading);
  note('#upload-note', A.uploading);
  try {
    const data = new FormData(form);
    for (const [key, value] of [...data.entries()]) if (value === '') data.delete(key);
    const answer = await api('/api/admin/plans', { method: 'POST', body: data });
    const draft = answer.job ? await followScan(answer) : answer;
    if (!draft) return;
    const text = `${fmt(A.uploaded, {
      id: draft.id,
      version: draft.version,
      errors: draft.report.errors.length,
      warnings: draft.report.warnings.length,
    })}${draft.message || ''}`;
    announce.status(text);
    note('#upload-note', text);
    showReport(draft);
    void loadPlans();
  } catch (error) {
    announce.error(error.message);
    note('#upload-note', error.message);
  }
});

/** Follows a scanned PDF's recognition: a progress bar, the start and the end announced (not every page). */
async function followScan(job) {
  const bar = /** @type {HTMLProgressElement} */ ($('scan-progress'));
  bar.hidden = false;
  bar.max = job.pages;
  announce.status(fmt(A.scanStarted, job));
  note('#upload-note', job.message);
  let current = job;
  while (current.status === 'reading') {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    current = await api(current.statusUrl);
    bar.value = current.done;
    bar.setAttribute('aria-valuetext', fmt(A.scanProgress, current));
    note('#upload-note', current.message);
  }
  bar.hidden = true;
  if (current.status === 'failed') throw new Error(current.message);
  return current.draft;
}

document.addEventListener('click', async (event) => {
  const button = /** @type {HTMLElement | null} */ (
    /** @type {HTMLElement} */ (event.target).closest('button[data-action]')
  );
  if (!button) return;
  const { action = '', id = '' } = button.dataset;
  const make = ACTIONS[action];
  if (!make) return;
  const request = make({ id, live: button.dataset.live, version: button.dataset.version });
  announce.clearError();
  // Nothing residents see changes without a yes to a sentence that says what will happen.
  if (!window.confirm(request.ask)) {
    announce.status(A.cancelled);
    note(`[data-note="${id}"]`, A.cancelled);
    return;
  }
  try {
    const result = await api(request.url, { method: request.method });
    const text =
      action === 'deleteDraft'
        ? fmt(A.deleted, { id, version: button.dataset.version })
        : fmt(A.done, { id, live: result.live === null ? A.withdrawn : result.live });
    announce.status(text);
    await loadPlans();
    note(`[data-note="${id}"]`, text);
    if (button.closest('#report')) note('#upload-note', text);
  } catch (error) {
    announce.error(error.message);
    note(`[data-note="${id}"]`, error.message);
  }
});

// A document replaced by another or in force until a day: asked first, then said next to its button and announced.
document.addEventListener('submit', async (event) => {
  const form = /** @type {HTMLFormElement} */ (event.target);
  if (!form.dataset?.force) return;
  event.preventDefault();
  const request = forceRequest(form);
  const where = `[data-force-note="${request.id}"]`;
  announce.clearError();
  if (!window.confirm(request.ask)) {
    announce.status(A.cancelled);
    note(where, A.cancelled);
    return;
  }
  try {
    const result = await api(`/api/admin/plans/${request.id}/force`, request.init);
    const text = fmt(A.forceSaved, { id: request.id, state: forceText(result.force) });
    announce.status(text);
    await loadPlans();
    // The list is drawn anew: the note goes next to the same button in it, with its disclosure open.
    const again = document.querySelector(`form[data-force="${request.id}"]`);
    again?.closest('details')?.setAttribute('open', '');
    note(where, text);
    /** @type {HTMLElement | null | undefined} */ (again?.querySelector('button'))?.focus();
  } catch (error) {
    announce.error(error.message);
    note(where, error.message);
  }
});

void loadPlans();

initInsight(announce);
