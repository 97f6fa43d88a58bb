// The 大字 and 深色 toggles in the shared header: aria-pressed buttons, remembered in localStorage.

function store(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

function isDark() {
  const theme = document.documentElement.getAttribute('data-theme');
  if (theme) return theme === 'dark';
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Wires every [data-pref] button on the page. */
export function initSettings() {
  const root = document.documentElement;
  const buttons = document.querySelectorAll(/** @type {'button'} */ ('button[data-pref]'));
  const sync = () => {
    for (const button of buttons) {
      const on = button.dataset.pref === 'large' ? root.classList.contains('large') : isDark();
      button.setAttribute('aria-pressed', String(on));
    }
  };
  for (const button of buttons) {
    button.addEventListener('click', () => {
      if (button.dataset.pref === 'large') {
        const on = root.classList.toggle('large');
        store('pa.large', on ? '1' : '0');
      } else {
        const theme = isDark() ? 'light' : 'dark';
        root.setAttribute('data-theme', theme);
        store('pa.theme', theme);
      }
      sync();
    });
  }
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', sync);
  sync();
}
