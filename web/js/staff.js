// What the staff pages share: the token of this tab (sessionStorage), the admin API call, and the table builder.
import { el } from './dom.js';
import { T } from './strings.js';

const TOKEN_KEY = 'admin-token';

export const token = () => sessionStorage.getItem(TOKEN_KEY) || '';
export const saveToken = (value) => sessionStorage.setItem(TOKEN_KEY, value);

/** Calls the admin API with the tab's token; throws an Error carrying the server's sentence. */
export async function staffFetch(url, init = {}, accept = 'application/json') {
  if (!token()) throw new Error(T.admin.tokenMissing);
  const response = await fetch(url, {
    ...init,
    headers: { accept, authorization: `Bearer ${token()}`, ...(init.headers || {}) },
  });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message || `HTTP ${response.status}`);
  }
  return response;
}

/** Calls the admin API; resolves with the JSON body, or throws an Error carrying the server's sentence. */
export async function api(url, init = {}) {
  return (await staffFetch(url, init)).json();
}

/** A table with a caption, column headers and rows of cells (strings or nodes); the first cell is a row header. */
export function table(caption, headers, rows) {
  return el(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    el(
      'table',
      {},
      el('caption', { text: caption }),
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })))),
      el(
        'tbody',
        {},
        ...rows.map((cells) =>
          el('tr', {}, ...cells.map((cell, i) => el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, cell))),
        ),
      ),
    ),
  );
}
