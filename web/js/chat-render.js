// How the chat draws a conversation: the question, the answer with its citations (link, text, copy), related
// questions, read-aloud and feedback. Text is always set as text (dom.js); nothing here asks or stores.
import { T, fmt } from './strings.js';
import { LIMITS } from './limits.js';
import { el } from './dom.js';
import * as api from './api.js';
import { citationLabel, citationPlainText, copyText, departmentsText, shortPath } from './citation.js';

const C = T.chat;

/**
 * @typedef {{ question: string, city: string, mode: 'standard' | 'easy', history?: string[], response: any }} Turn
 * @typedef {{
 *   announce: ReturnType<typeof import('./announcer.js').createAnnouncer>,
 *   voiceEnabled: boolean,
 *   suggestionButton: (text: string) => HTMLElement,
 *   readAloud: (turn: Turn) => void,
 * }} RenderDeps
 */

/**
 * The chat's renderers, bound to its announcer and to what a suggestion or read-aloud button does.
 * @param {RenderDeps} deps
 */
export function createRenderer(deps) {
  const { announce, voiceEnabled, suggestionButton, readAloud } = deps;
  let turnCounter = 0;

  function renderUser(turn, id) {
    return el(
      'li',
      { class: 'msg msg-user', id: `${id}-q` },
      el('h3', { text: C.you }),
      ...turn.question.split('\n').map((line) => el('p', { text: line })),
    );
  }

  function renderCitation(citation, id, index) {
    const label = citationLabel(citation);
    const link = el('a', { href: citation.url, 'data-citation': citation.id, id: `${id}-c${index}`, text: label });
    const dept = departmentsText(citation.departments);
    const details = el(
      'details',
      {},
      el('summary', { text: C.showText }),
      el('p', { class: 'path', text: (citation.path || []).join(' › ') }),
      el('blockquote', { text: citation.text }),
      dept ? el('p', { class: 'dept', text: dept }) : null,
    );
    const copy = el('button', {
      type: 'button',
      class: 'small',
      'aria-label': fmt(C.copyCitationLabel, { document: citation.document, path: shortPath(citation) }),
      text: C.copyCitation,
    });
    copy.addEventListener('click', async () => {
      const ok = await copyText(citationPlainText(citation));
      if (ok) announce.status(T.common.copied);
      else announce.error(T.common.copyFailed);
    });
    return el('li', { class: 'citation' }, link, details, el('div', { class: 'citation-actions' }, copy));
  }

  function renderFeedback(turn) {
    const fieldset = el('fieldset', { class: 'feedback' }, el('legend', { text: C.feedbackLegend }));
    const up = el('button', { type: 'button', class: 'small', 'aria-pressed': 'false', text: C.useful });
    const down = el('button', { type: 'button', class: 'small', 'aria-pressed': 'false', text: C.notUseful });
    const reasonId = `reason-${++turnCounter}`;
    const reasonInput = el('input', {
      type: 'text',
      id: reasonId,
      maxlength: String(LIMITS.feedbackReasonChars),
      autocomplete: 'off',
    });
    const submit = el('button', { type: 'button', class: 'small', text: C.sendReason });
    const reasonBox = el(
      'div',
      { class: 'feedback-reason field', hidden: true },
      el('label', { for: reasonId, text: C.reasonLabel }),
      el('div', { class: 'row' }, reasonInput, submit),
    );
    const citationIds = (turn.response.citations || []).map((c) => c.id);
    const send = async (rating, reason) => {
      try {
        await api.feedback({ rating, question: turn.question, citationIds, ...(reason ? { reason } : {}) });
        announce.status(C.thanks);
        return true;
      } catch {
        announce.error(C.feedbackError);
        return false;
      }
    };
    up.addEventListener('click', async () => {
      if (up.getAttribute('aria-pressed') === 'true') return;
      up.setAttribute('aria-pressed', 'true');
      down.setAttribute('aria-pressed', 'false');
      reasonBox.hidden = true;
      await send('up');
    });
    down.addEventListener('click', () => {
      down.setAttribute('aria-pressed', 'true');
      up.setAttribute('aria-pressed', 'false');
      reasonBox.hidden = false;
    });
    const submitReason = async () => {
      if (await send('down', reasonInput.value.trim())) {
        submit.disabled = true;
        reasonInput.readOnly = true;
      }
    };
    submit.addEventListener('click', submitReason);
    reasonInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        submitReason();
      }
    });
    fieldset.append(el('div', { class: 'feedback-buttons' }, up, down), reasonBox);
    return fieldset;
  }

  function renderAnswer(turn, id) {
    const r = turn.response;
    const heading = el('h3', { id: `${id}-h` }, C.assistant, r.city ? fmt(C.aboutCity, { city: r.city }) : '');
    const item = el('li', {
      class: `msg msg-assistant${r.answered ? '' : ' msg-unanswered'}`,
      id: `${id}-a`,
    });
    const body = el('div', { class: 'answer-text' });
    for (const line of String(r.answer || '').split(/\n+/)) if (line.trim()) body.append(el('p', { text: line }));
    item.append(heading, body);
    /** A titled list under the answer (its sources, related questions), named by its heading. */
    const titled = (cls, suffix, heading, list) =>
      el(
        'section',
        { class: cls, 'aria-labelledby': `${id}-${suffix}` },
        el('h4', { id: `${id}-${suffix}`, text: heading }),
        list,
      );
    if (r.citations?.length) {
      const list = el('ul');
      r.citations.forEach((c, i) => list.append(renderCitation(c, id, i)));
      item.append(titled('citations', 'cit', C.citationsHeading, list));
    }
    if (r.suggestions?.length) {
      const list = el('ul');
      for (const s of r.suggestions.slice(0, 4)) list.append(el('li', {}, suggestionButton(s)));
      item.append(titled('related', 'rel', C.relatedHeading, list));
    }
    if (voiceEnabled) {
      const read = el(
        'button',
        { type: 'button', class: 'small', 'aria-label': C.readAloudLabel },
        speakerIcon(),
        C.readAloud,
      );
      read.addEventListener('click', () => readAloud(turn));
      item.append(el('div', { class: 'msg-actions' }, read));
    }
    item.append(renderFeedback(turn));
    return item;
  }

  function speakerIcon() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '20');
    svg.setAttribute('height', '20');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute(
      'd',
      'M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z',
    );
    svg.append(path);
    return svg;
  }

  return { renderUser, renderAnswer };
}
