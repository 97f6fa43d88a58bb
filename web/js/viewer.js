// Source viewer: marks the clause named in the URL fragment (border + label, not colour alone) and moves focus to it.
import { T } from './strings.js';
import { initSettings } from './settings.js';

function markTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  for (const old of document.querySelectorAll('.cited')) old.classList.remove('cited');
  for (const badge of document.querySelectorAll('.cited-badge')) badge.remove();
  if (!id) return;
  const target = document.getElementById(id);
  if (!target || !target.closest('.plan')) return;
  target.classList.add('cited');
  const badge = document.createElement('mark');
  badge.className = 'cited-badge';
  badge.textContent = `${T.viewer.cited}：`;
  const host = target.matches('h2, h3, h4, tr')
    ? target.matches('tr')
      ? target.querySelector('th')
      : target
    : target.querySelector('p');
  host?.prepend(badge);
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start' });
}

const back = document.getElementById('back');
back?.addEventListener('click', (event) => {
  // Back returns to the answer the citation came from, with the conversation intact.
  let sameOrigin;
  try {
    sameOrigin = document.referrer !== '' && new URL(document.referrer).origin === window.location.origin;
  } catch {
    sameOrigin = false;
  }
  if (sameOrigin && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

initSettings();
window.addEventListener('hashchange', markTarget);
markTarget();
