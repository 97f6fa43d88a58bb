// The service guide card of the operator console: a guide's fields (事项名称, 申请材料, 办理地点 …) as a definition
// list to read out to a caller, shown with the first result that quotes the guide.
import { T, fmt } from './strings.js';
import { el } from './dom.js';

/**
 * The card for `hit` when it quotes a guide field and no earlier result showed this guide's card; else null.
 * @param {{guide?: {field: string, text: string}[], document: string, url: string}} hit
 * @param {number} index the result's position (ids of the card's heading)
 * @param {Set<string>} shown the guides (by document link) already given a card in this result list
 */
export function guideCard(hit, index, shown) {
  if (!hit.guide?.length) return null;
  const key = hit.url.split('#')[0];
  if (shown.has(key)) return null;
  shown.add(key);
  const headingId = `r${index}-guide`;
  const list = el('dl', { class: 'guide-fields' });
  for (const { field, text } of hit.guide) list.append(el('dt', { text: field }), el('dd', { text }));
  return el(
    'section',
    { class: 'guide-card', tabindex: '0', 'aria-labelledby': headingId },
    el('h4', { id: headingId, text: fmt(T.operator.guideCard, { document: hit.document }) }),
    list,
  );
}
