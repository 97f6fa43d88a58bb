// The UI strings table (web/messages/zh-CN.json), handed to client code by the server as a JSON data block.

/** @type {Record<string, any>} */
export const T = JSON.parse(document.getElementById('strings')?.textContent || '{}');

/**
 * Fills {name} placeholders.
 * @param {string} template
 * @param {Record<string, string | number>} [vars]
 */
export function fmt(template, vars = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}
