// One-line embed loader: a native launcher button and a non-modal panel framing /embed; no globals, no inline script.
(function () {
  'use strict';
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!script || script.hasAttribute('data-pa-loaded')) return;
  script.setAttribute('data-pa-loaded', '');
  // Filled by the server from web/messages/zh-CN.json (the "widget" group).
  var T = /*@strings*/ {};
  var origin = new URL(script.src, window.location.href).origin;
  var d = script.dataset;
  var on = function (v) {
    return v === '' || v === '1' || v === 'true' || v === 'on' || v === 'yes';
  };
  var large = on(d.large);
  var voice = d.voice === undefined ? true : on(d.voice);
  var left = d.position === 'left' || d.position === 'bottom-left';
  var title = d.title || T.title || '政策问答助手';
  var params = new URLSearchParams();
  if (d.city) params.set('city', d.city);
  if (large) params.set('large', '1');
  if (!voice) params.set('voice', '0');
  var src = origin + '/embed' + (params.toString() ? '?' + params : '');

  var CSS =
    ':host{all:initial}' +
    '*{box-sizing:border-box}' +
    '.l{position:fixed;bottom:16px;' +
    (left ? 'left' : 'right') +
    ':16px;z-index:2147483000;display:inline-flex;' +
    'align-items:center;gap:8px;min-width:44px;min-height:44px;padding:8px 16px;border:2px solid #fff;' +
    'border-radius:999px;background:#0b57a4;color:#fff;font:700 16px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;' +
    'box-shadow:0 0 0 2px #0b57a4,0 4px 12px rgba(0,0,0,.3);cursor:pointer}' +
    '.l:hover{background:#08457f}' +
    '.l svg{width:1.25em;height:1.25em;flex:none}' +
    ':focus-visible{outline:3px solid #1b1b1b;outline-offset:3px;box-shadow:0 0 0 6px #fff}' +
    '.L .l{min-width:60px;min-height:60px;font-size:24px;padding:10px 22px}' +
    '.p{position:fixed;bottom:84px;' +
    (left ? 'left' : 'right') +
    ':16px;z-index:2147483001;display:flex;' +
    'flex-direction:column;width:min(420px,calc(100vw - 32px));height:min(640px,calc(100vh - 120px));' +
    'background:#fff;color:#1b1b1b;border:2px solid #444;border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.35);' +
    'font:16px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif}' +
    '.L .p{bottom:100px;width:min(560px,calc(100vw - 32px))}' +
    '.p[hidden]{display:none}' +
    '.b{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:4px 4px 4px 12px;' +
    'border-bottom:2px solid #444;background:#f2f4f7}' +
    'h2{margin:0;font:700 1em/1.5 inherit;font-size:18px}' +
    '.L h2{font-size:26px}' +
    '.c{min-width:44px;min-height:44px;border:2px solid #444;border-radius:6px;background:#fff;color:#1b1b1b;' +
    'font:700 20px/1 system-ui,sans-serif;cursor:pointer}' +
    '.L .c{min-width:60px;min-height:60px}' +
    'iframe{flex:1;width:100%;min-height:0;border:0;border-radius:0 0 6px 6px;background:#fff}' +
    '.F .p{inset:0;width:auto;height:auto;border-radius:0;border:0}' +
    '@media (forced-colors:active){.l,.c,.p{border-color:ButtonText}}' +
    '@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}';

  var mk = function (tag, attrs, text) {
    var el = document.createElement(tag);
    for (var k in attrs) el.setAttribute(k, attrs[k]);
    if (text) el.textContent = text;
    return el;
  };

  var host = mk('div', { 'data-policy-assistant': '' });
  var root = host.attachShadow({ mode: 'open' });
  // Constructed style sheets are not inline styles: a host CSP without 'unsafe-inline' still allows them.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(mk('style', {}, CSS));
  }
  var wrap = mk('div', { class: large ? 'L' : '' });
  var launcher = mk('button', { type: 'button', class: 'l', 'aria-expanded': 'false', 'aria-controls': 'pa-panel' });
  var ns = 'http://www.w3.org/2000/svg';
  var icon = document.createElementNS(ns, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  var path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute(
    'd',
    'M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z',
  );
  icon.appendChild(path);
  launcher.appendChild(icon);
  launcher.appendChild(mk('span', {}, T.launcher || '政策问答助手'));
  var panel = mk('div', { id: 'pa-panel', class: 'p', role: 'dialog', 'aria-labelledby': 'pa-title', hidden: '' });
  var bar = mk('div', { class: 'b' });
  // Focus waits on the heading while the frame loads (see focusFrame): the panel's title is what is heard first.
  var heading = mk('h2', { id: 'pa-title', tabindex: '-1' }, title);
  bar.appendChild(heading);
  var close = mk('button', { type: 'button', class: 'c', 'aria-label': T.close || '关闭' }, '×');
  bar.appendChild(close);
  panel.appendChild(bar);
  wrap.appendChild(panel);
  wrap.appendChild(launcher);
  root.appendChild(wrap);

  var frame = null;
  var ready = false;
  var wantFocus = false;
  var small = window.matchMedia('(max-width: 480px), (max-height: 480px)');

  // Focus enters the frame only once its chat says it is ready (its page loaded and settled, its city chosen before
  // that: Orca follows a select whose option changes in the document it is reading). It enters in two steps, FOCUS_GAP_MS
  // apart: the frame's document, then the question box (web/js/frame.js). Chromium reports a focus that enters a frame
  // as the document's focus in one batch and the element's in a later one (~40 ms); Orca, reading the document's focus
  // while the box already had it, moved to the box silently and then had nothing to say for the box's own focus (its
  // debug log: "Changing locusOfFocus … to [entry | 您的问题]. Notify: False"; the "never 您的问题 entry").
  // With the gap, the box's focus is a move of its own, from the document, and is spoken.
  var FOCUS_GAP_MS = 500;
  function focusFrame() {
    if (!frame) return;
    if (ready && frame.contentWindow) {
      wantFocus = false;
      frame.focus();
      setTimeout(function () {
        if (!panel.hidden && frame && frame.contentWindow)
          frame.contentWindow.postMessage({ type: 'pa:focus' }, origin);
      }, FOCUS_GAP_MS);
    } else wantFocus = true;
  }

  function layout() {
    // Full screen on small screens: then the panel is modal (B1) and the launcher is covered.
    var full = small.matches;
    wrap.className = (large ? 'L ' : '') + (full ? 'F' : '');
    if (full) panel.setAttribute('aria-modal', 'true');
    else panel.removeAttribute('aria-modal');
  }

  function open() {
    if (!frame) {
      frame = mk('iframe', { title: (d.title ? title + '：' : '') + (T.frameTitle || title), src: src });
      if (voice) frame.setAttribute('allow', 'microphone');
      panel.appendChild(frame);
    }
    layout();
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    if (!ready) heading.focus();
    focusFrame();
  }

  function shut() {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', function () {
    if (panel.hidden) open();
    else shut();
  });
  close.addEventListener('click', shut);
  root.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !panel.hidden) {
      e.preventDefault();
      shut();
    }
  });
  // In full-screen (modal) layout, focus that wanders out to the host page comes back to the panel.
  document.addEventListener('focusin', function (e) {
    if (!panel.hidden && small.matches && e.target !== host) close.focus();
  });
  small.addEventListener('change', function () {
    if (!panel.hidden) layout();
  });
  window.addEventListener('message', function (e) {
    if (!frame || e.source !== frame.contentWindow || e.origin !== origin || !e.data) return;
    if (e.data.type === 'pa:ready') {
      ready = true;
      if (wantFocus && !panel.hidden) focusFrame();
    } else if (e.data.type === 'pa:take-focus') {
      if (!panel.hidden) frame.focus();
    } else if (e.data.type === 'pa:close') shut();
  });

  function mount() {
    document.body.appendChild(host);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
