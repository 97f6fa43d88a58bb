// What the chat remembers: in this browser (localStorage) the city, easy mode and reading speed; in this tab
// (sessionStorage) the conversation and the citation followed. Where storage is blocked nothing is remembered.

/**
 * The browser's (`local`) or the tab's (`session`) storage, or null where it is blocked.
 * @param {'local' | 'session'} kind
 */
export function storage(kind) {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Restores a checkbox from localStorage `key` ('1' / '0') and saves it whenever it changes.
 * @param {HTMLInputElement} checkbox
 * @param {string} key
 */
export function rememberChecked(checkbox, key) {
  checkbox.checked = storage('local')?.getItem(key) === '1';
  checkbox.addEventListener('change', () => storage('local')?.setItem(key, checkbox.checked ? '1' : '0'));
}

/**
 * Restores a select's value from localStorage `key` (else `fallback`) and saves it whenever it changes; `onValue`
 * hears the restored value and every change.
 * @param {HTMLSelectElement} select
 * @param {string} key
 * @param {string} fallback
 * @param {(value: string) => void} [onValue]
 */
export function rememberValue(select, key, fallback, onValue) {
  select.value = storage('local')?.getItem(key) || fallback;
  onValue?.(select.value);
  select.addEventListener('change', () => {
    storage('local')?.setItem(key, select.value);
    onValue?.(select.value);
  });
}
