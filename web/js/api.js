// Calls to the HTTP API (docs/architecture.md); errors become ApiError with the server's code and Chinese message.

export class ApiError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {number} status
   */
  constructor(code, message, status) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/**
 * @param {string} url
 * @param {RequestInit} [init]
 */
async function request(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...(init?.headers || {}) } });
  } catch {
    throw new ApiError('NETWORK', '', 0);
  }
  if (response.status === 204) return null;
  let body;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(body?.error?.code || 'HTTP_' + response.status, body?.error?.message || '', response.status);
  }
  return body;
}

const json = (body) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** @param {{question: string, city?: string, history?: string[], mode?: 'standard' | 'easy'}} body */
export const ask = (body) => request('/api/ask', json(body));
export const cities = () => request('/api/cities');
/** @param {string} q @param {{city?: string, limit?: number}} [opts] @param {AbortSignal} [signal] */
export function search(q, opts = {}, signal) {
  const params = new URLSearchParams({ q });
  if (opts.city) params.set('city', opts.city);
  if (opts.limit) params.set('limit', String(opts.limit));
  return request('/api/search?' + params, { signal });
}
/** @param {{rating: 'up' | 'down', question: string, citationIds: string[], reason?: string}} body */
export const feedback = (body) => request('/api/feedback', json(body));
