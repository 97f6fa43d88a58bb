// Staff page: a document's state in force (在用 / 已失效 since when, and why) and the small form that says it is
// replaced by another document of the city or in force until a day (POST /api/admin/plans/:id/force).
import { el } from './dom.js';
import { T, fmt } from './strings.js';

const A = T.admin;

/** 2025-01-01 → 2025年1月1日. */
export function dayText(iso) {
  const [y, m, d] = String(iso).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** The state in force as a sentence: 在用, 在用（有效期至…）, 已失效（自…起被 x 取代）, 已失效（自…起；有效期到…）. */
export function forceText(force) {
  let text;
  if (force.state === 'superseded') {
    text = force.since
      ? fmt(A.forceSuperseded, { since: dayText(force.since), by: force.supersededBy })
      : fmt(A.forceSupersededNow, { by: force.supersededBy });
  } else if (force.state === 'expired') {
    text = fmt(A.forceExpired, { since: dayText(force.since), until: dayText(force.until) });
  } else {
    text = force.until ? fmt(A.forceUntil, { until: dayText(force.until) }) : A.forceInForce;
  }
  return force.staff ? `${text}${A.forceByStaff}` : text;
}

/**
 * The form under a disclosure: which document of the same city replaces this one, and its last day in force. Its
 * note (data-force-note, apart from the row's own data-note) is where the outcome is written, next to the button.
 */
export function forceForm(plan, plans) {
  const others = plans.filter((p) => p.city === plan.city && p.id !== plan.id);
  const by = `force-by-${plan.id}`;
  const until = `force-until-${plan.id}`;
  const current = plan.force.staff || { supersededBy: null, until: null };
  const select = el(
    'select',
    { id: by, name: 'supersededBy' },
    el('option', { value: '', text: A.forceByNone }),
    ...others.map((p) =>
      el('option', { value: p.id, text: `${p.id} ${p.title}`, selected: current.supersededBy === p.id }),
    ),
  );
  return el(
    'details',
    { class: 'force' },
    el('summary', { text: fmt(A.forceSummary, { id: plan.id }) }),
    el(
      'form',
      { class: 'admin-form force-form', 'data-force': plan.id, novalidate: true },
      el('div', { class: 'field' }, el('label', { for: by, text: A.forceByLabel }), select),
      el(
        'div',
        { class: 'field' },
        el('label', { for: until, text: A.forceUntilLabel }),
        el('input', { id: until, name: 'until', type: 'date', value: current.until || '' }),
      ),
      el('button', { type: 'submit', class: 'small', text: fmt(A.forceSave, { id: plan.id }) }),
      el('p', { class: 'note', 'data-force-note': plan.id }),
    ),
  );
}

/** What saving `form` will say and send. */
export function forceRequest(form) {
  const id = form.dataset.force || '';
  const data = new FormData(form);
  const supersededBy = String(data.get('supersededBy') || '') || null;
  const until = String(data.get('until') || '') || null;
  const what =
    (supersededBy ? fmt(A.forceWhatBy, { by: supersededBy }) : '') +
      (until ? fmt(A.forceWhatUntil, { until: dayText(until) }) : '') || A.forceWhatNone;
  return {
    id,
    ask: fmt(A.confirmForce, { id, what }),
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ supersededBy, until }),
    },
  };
}
